package io.vigil.train.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the training report shows, filled in by the trainer after {@code vigil train}: the
 * model's identity, its training history, the window errors the default threshold was calibrated
 * on, a table of key facts and a few example windows with their reconstructions. It is plain data
 * and checks its own consistency on construction, so a report is never drawn from a history that
 * does not contain its best epoch or an example whose shape does not match the model. Collections
 * are copied; arrays are copied in and handed out as they are, so callers must not modify them.
 *
 * @param modelName         model name, e.g. {@code cpu}
 * @param version           model version, e.g. {@code 20250101T120000Z}
 * @param featureNames      feature names in model order
 * @param history           one entry per epoch, in order
 * @param bestEpoch         the (1-based) epoch whose weights were kept; one of {@code history}
 * @param windowErrors      per-window reconstruction errors the threshold was calibrated on
 * @param errorSplit        which data {@code windowErrors} come from
 * @param thresholdQuantile the default threshold as a quantile of {@code windowErrors}, e.g. 0.99
 * @param thresholdError    the error at that quantile
 * @param summary           key facts shown as a table, in iteration order
 * @param examples          example windows, e.g. the median and the worst
 */
public record ReportData(
        String modelName,
        String version,
        List<String> featureNames,
        List<Epoch> history,
        int bestEpoch,
        double[] windowErrors,
        ErrorSplit errorSplit,
        double thresholdQuantile,
        double thresholdError,
        Map<String, String> summary,
        List<Example> examples) {

    public ReportData {
        requireText(modelName, "model name");
        requireText(version, "model version");
        featureNames = List.copyOf(Objects.requireNonNull(featureNames, "feature names"));
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("feature names are empty: the model needs at least one feature");
        }
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        if (history.isEmpty()) {
            throw new IllegalArgumentException(
                    "training history is empty: the report needs at least one epoch");
        }
        int best = bestEpoch;
        if (history.stream().noneMatch(e -> e.epoch() == best)) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " is not in the history (epochs "
                    + history.get(0).epoch() + ".." + history.get(history.size() - 1).epoch() + ")");
        }
        windowErrors = requireErrors(windowErrors);
        Objects.requireNonNull(errorSplit, "error split");
        if (!(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("threshold quantile is " + thresholdQuantile
                    + ", expected a number between 0 and 1 (exclusive), e.g. 0.99");
        }
        if (!Double.isFinite(thresholdError)) {
            throw new IllegalArgumentException("threshold error is " + thresholdError + ", expected a finite number");
        }
        summary = copySummary(summary);
        examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
        for (int i = 0; i < examples.size(); i++) {
            int features = examples.get(i).features();
            if (features != featureNames.size()) {
                throw new IllegalArgumentException("example " + (i + 1) + " (series "
                        + examples.get(i).series() + ") has " + features + " features per step, the model has "
                        + featureNames.size() + " " + featureNames);
            }
        }
    }

    /** Which data the window errors come from; training errors stand in when there was no validation split. */
    public enum ErrorSplit {
        VALIDATION("validation"),
        TRAINING("training (no validation split)");

        private final String label;

        ErrorSplit(String label) {
            this.label = label;
        }

        /** How the split is named in the report. */
        public String label() {
            return label;
        }
    }

    /**
     * One training epoch.
     *
     * @param epoch   1-based epoch number
     * @param loss    mean training loss
     * @param valLoss mean validation loss, {@code NaN} when there was no validation split
     * @param seconds wall-clock duration of the epoch
     */
    public record Epoch(int epoch, double loss, double valLoss, double seconds) {
        public Epoch {
            if (epoch < 1) {
                throw new IllegalArgumentException("epoch number is " + epoch + ", expected 1 or more");
            }
        }

        /** Whether this epoch has a validation loss. */
        public boolean hasValLoss() {
            return !Double.isNaN(valLoss);
        }
    }

    /**
     * One example window and its reconstruction, both {@code [T][F]} in raw (unnormalised) units.
     *
     * @param series         series id the window was taken from
     * @param startMillis    time of the first step, epoch milliseconds
     * @param stepMillis     time between steps
     * @param error          the window's reconstruction error
     * @param original       the window as fed to the model, {@code [T][F]}
     * @param reconstruction the model's output, {@code [T][F]}
     * @param label          why this window was picked, e.g. {@code median error}, {@code worst}
     */
    public record Example(String series, long startMillis, long stepMillis, double error,
                          float[][] original, float[][] reconstruction, String label) {
        public Example {
            requireText(series, "example series");
            Objects.requireNonNull(label, "example label");
            if (stepMillis <= 0) {
                throw new IllegalArgumentException("example of series " + series + ": step is " + stepMillis
                        + " ms, expected a positive duration");
            }
            Objects.requireNonNull(original, "example original");
            Objects.requireNonNull(reconstruction, "example reconstruction");
            if (original.length == 0) {
                throw new IllegalArgumentException("example of series " + series + " has no steps");
            }
            if (original.length != reconstruction.length) {
                throw new IllegalArgumentException("example of series " + series + ": original has "
                        + original.length + " steps, reconstruction has " + reconstruction.length);
            }
            int features = original[0].length;
            for (int t = 0; t < original.length; t++) {
                if (original[t].length != features || reconstruction[t].length != features) {
                    throw new IllegalArgumentException("example of series " + series + ": step " + t
                            + " has " + original[t].length + " original and " + reconstruction[t].length
                            + " reconstructed values, expected " + features + " of each");
                }
            }
            original = deepCopy(original);
            reconstruction = deepCopy(reconstruction);
        }

        /** Number of steps {@code T}. */
        public int steps() {
            return original.length;
        }

        /** Number of features {@code F}. */
        public int features() {
            return original[0].length;
        }
    }

    private static double[] requireErrors(double[] errors) {
        Objects.requireNonNull(errors, "window errors");
        if (errors.length == 0) {
            throw new IllegalArgumentException("window errors are empty: pass the validation errors, or the "
                    + "training errors with ErrorSplit.TRAINING when there was no validation split");
        }
        for (int i = 0; i < errors.length; i++) {
            if (!Double.isFinite(errors[i])) {
                throw new IllegalArgumentException("window error " + i + " is " + errors[i]
                        + ", expected a finite number");
            }
        }
        return errors.clone();
    }

    private static Map<String, String> copySummary(Map<String, String> summary) {
        Objects.requireNonNull(summary, "summary");
        summary.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("summary entry " + key + "=" + value + " has a null key or value");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }

    private static float[][] deepCopy(float[][] values) {
        return Arrays.stream(values).map(float[]::clone).toArray(float[][]::new);
    }
}
