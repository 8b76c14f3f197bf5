package io.vigil.train.report;

import io.vigil.train.report.ReportData.Epoch;
import io.vigil.train.report.ReportData.ErrorSplit;
import io.vigil.train.report.ReportData.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic report data (a noisy sine reconstructed by its moving average, a decaying loss) for
 * tests, and a {@code main} that writes a sample report to look at:
 * {@code java ... io.vigil.train.report.SampleReport [dir] [heavy-tailed]} (default
 * {@code /tmp/vigil-report-sample}); {@code heavy-tailed} draws errors shaped like a real model's and
 * gives the examples long series names.
 */
final class SampleReport {
    static final long START = 1_735_732_800_000L; // 2025-01-01T12:00:00Z
    static final long STEP = 10_000;
    static final int STEPS = 120;
    static final int SMOOTHING = 7;
    /** The NAB machine-temperature model's validation errors: median 0.004, p99 0.18, max 0.75, 4,506 windows. */
    static final double HEAVY_TAILED_MEDIAN = 0.004;
    /** Log-space spread giving that p99: ln(0.18 / 0.004) / 2.326, the standard normal's p99. */
    static final double HEAVY_TAILED_SIGMA = 1.64;
    static final int HEAVY_TAILED_WINDOWS = 4_506;
    static final String LONG_SERIES = "machine_temperature_system_failure";
    /** Longer than fits the window header at 800 px even on its own. */
    static final String VERY_LONG_SERIES = "realKnownCause/machine_temperature_system_failure/plant-north/"
            + "hall-3/line-B/compressor-07/bearing-temperature-sensor-2";

    private SampleReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/vigil-report-sample");
        boolean heavyTailed = args.length > 1 && args[1].equals("heavy-tailed");
        ReportData data = heavyTailed ? heavyTailed("nab-machine-temp")
                : data("cpu <&> \"prod\"", List.of("cpu", "mem"), 30, true);
        System.out.println(ReportWriter.write(dir, data));
    }

    /**
     * A one-feature report whose window errors are lognormal like a real model's (nearly all small, a
     * tail two decades long) and whose examples have long series names.
     */
    static ReportData heavyTailed(String name) {
        ReportData base = data(name, List.of("value"), 13, true);
        Random random = new Random(7);
        double[] errors = new double[HEAVY_TAILED_WINDOWS];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = HEAVY_TAILED_MEDIAN * Math.exp(HEAVY_TAILED_SIGMA * random.nextGaussian());
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        List<Example> examples = List.of(
                example(random, 1, LONG_SERIES, 0.3, "90th percentile error"),
                example(random, 1, VERY_LONG_SERIES, 1.2, "99th percentile error"));
        return new ReportData(name, base.version(), base.featureNames(), base.history(), base.bestEpoch(), errors,
                ErrorSplit.VALIDATION, 0.99, Histogram.quantile(sorted, 0.99), base.summary(), examples);
    }

    /** A report for {@code features} features, {@code epochs} epochs of decaying loss, with or without validation. */
    static ReportData data(String name, List<String> features, int epochs, boolean validation) {
        Random random = new Random(42);
        List<Epoch> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double loss = 0.5 * Math.exp(-e / 4.0) + 0.002 + 0.0003 * random.nextDouble();
            double val = validation ? loss * 1.1 + 0.0005 * Math.max(0, e - 20) : Double.NaN;
            history.add(new Epoch(e, loss, val, 12.5 + random.nextDouble()));
        }
        int best = validation ? Math.min(epochs, 20) : epochs;
        double[] errors = new double[2_000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.exp(random.nextGaussian() * 0.5) * 0.01;
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        double threshold = Histogram.quantile(sorted, 0.99);
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("training windows", "18,000");
        summary.put("validation windows", validation ? "2,000" : "none");
        summary.put("parameters", "41,218");
        summary.put("data fingerprint", "sha256:3f2a…c9 <from cpu.csv & mem.csv>");
        List<Example> examples = List.of(
                example(random, features.size(), "host-1", 0.3, "median error"),
                example(random, features.size(), "host-7", 1.2, "worst"));
        return new ReportData(name, "20250101T120000Z", features, history, best, errors,
                validation ? ErrorSplit.VALIDATION : ErrorSplit.TRAINING, 0.99, threshold, summary, examples);
    }

    /** A noisy sine per feature; the reconstruction is its moving average, so the error is the noise. */
    static Example example(Random random, int features, String series, double noise, String label) {
        float[][] original = new float[STEPS][features];
        float[][] reconstruction = new float[STEPS][features];
        double error = 0;
        for (int f = 0; f < features; f++) {
            for (int t = 0; t < STEPS; t++) {
                original[t][f] = (float) (50 + 20 * f + 10 * Math.sin(2 * Math.PI * t / 40.0 + f)
                        + noise * 3 * random.nextGaussian());
            }
            for (int t = 0; t < STEPS; t++) {
                double sum = 0;
                int n = 0;
                for (int k = Math.max(0, t - SMOOTHING / 2); k <= Math.min(STEPS - 1, t + SMOOTHING / 2); k++) {
                    sum += original[k][f];
                    n++;
                }
                reconstruction[t][f] = (float) (sum / n);
                error += Math.pow(original[t][f] - reconstruction[t][f], 2);
            }
        }
        return new Example(series, START, STEP, error / (STEPS * features), original, reconstruction, label);
    }
}
