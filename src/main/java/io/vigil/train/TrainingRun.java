package io.vigil.train;

import io.vigil.cli.Main;
import io.vigil.detect.ErrorDistribution;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.score.SavedModelScorer;
import io.vigil.score.ScoreBatch;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One training run from files to a model version directory. Everything is written into a hidden
 * temporary directory next to the final one and renamed into place at the end, so a failure at any
 * point leaves no half-written version behind.
 */
public final class TrainingRun {
    /** Windows scored per call when computing the validation error distribution. */
    static final int SCORE_BATCH = 512;

    /** The written version and what it says about itself. */
    public record Outcome(Path versionDir, ModelMetadata metadata) {
    }

    private TrainingRun() {
    }

    public static Outcome run(TrainingRequest request, Trainer.Listener listener) throws IOException {
        History history = new HistoryReader(request.historyOptions()).read(request.inputs());
        return run(request, history, listener);
    }

    /** Trains on history already in memory; {@code request.inputs()} only names where it came from. */
    public static Outcome run(TrainingRequest request, History history, Trainer.Listener listener) throws IOException {
        long started = System.nanoTime();
        WindowPlan plan = Windowing.plan(history, request.window(), request.stride(), request.maxGap(), request.valFraction());
        ModelSpec spec = spec(request, history.features().size(), plan.trainStats());

        Path tmp = createTemporary(request.out());
        try {
            Trainer.Result result = Trainer.train(spec, plan.train().data(), plan.train().count(),
                    plan.validation().data(), plan.validation().count(), request.settings(), listener);
            ModelExporter.export(tmp, spec, result.weights());
            // Calibrate on what the served model (not the training graph) says, so scores match serving.
            WindowSet calibrationSet = plan.validation().isEmpty() ? plan.train() : plan.validation();
            Calibration calibration = calibrate(tmp, calibrationSet);
            String version = ModelDirectory.versionName(Instant.now());
            ModelMetadata metadata = metadata(request, history, plan, spec, result, calibration, version,
                    ModelDirectory.checksums(tmp), (System.nanoTime() - started) / 1e9, calibrationSet == plan.validation());
            TrainingReports.write(tmp.resolve("report"), metadata, calibration, calibrationSet, plan.samplingInterval());
            ModelMetadataMapper.write(tmp, metadata);
            Path target = moveIntoPlace(tmp, request.out(), version);
            return new Outcome(target, ModelMetadataMapper.read(target));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    static ModelSpec spec(TrainingRequest r, int features, FeatureStats stats) {
        Normalization norm = switch (r.normalization()) {
            case ZSCORE -> Normalization.zscore(stats.mean(), stats.std());
            case MINMAX -> Normalization.minmax(stats.min(), stats.max());
            case SCALE -> Normalization.fixedScale(features, r.scale());
        };
        int[] decoder = r.decoderHidden() != null ? r.decoderHidden() : ModelSpec.reversed(r.encoderHidden());
        return new ModelSpec(r.window(), features, r.encoderHidden(), decoder, r.latent(), r.variant(), r.reverse(),
                r.output(), norm);
    }

    /** The served model's errors on the calibration windows, and the reconstructions for the report. */
    record Calibration(ErrorDistribution distribution, float[] windowErrors, float[] reconstruction) {
    }

    static Calibration calibrate(Path modelDir, WindowSet windows) {
        int n = windows.count();
        int stride = windows.window() * windows.features();
        float[] errors = new float[n];
        double[][] featureErrors = new double[n][];
        float[] reconstruction = new float[n * stride];
        float[] chunk = new float[Math.min(SCORE_BATCH, n) * stride];
        try (SavedModelScorer scorer = SavedModelScorer.load(modelDir)) {
            for (int from = 0; from < n; from += SCORE_BATCH) {
                int count = Math.min(SCORE_BATCH, n - from);
                System.arraycopy(windows.data(), from * stride, chunk, 0, count * stride);
                ScoreBatch batch = scorer.score(chunk, count);
                System.arraycopy(batch.windowError(), 0, errors, from, count);
                System.arraycopy(batch.reconstruction(), 0, reconstruction, from * stride, count * stride);
                for (int i = 0; i < count; i++) {
                    featureErrors[from + i] = batch.featureErrors(i);
                }
            }
        }
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = errors[i];
        }
        return new Calibration(ErrorDistribution.of(e, featureErrors), errors, reconstruction);
    }

    private static ModelMetadata metadata(TrainingRequest r, History history, WindowPlan plan, ModelSpec spec,
                                          Trainer.Result result, Calibration calibration, String version,
                                          Map<String, String> checksums, double seconds, boolean onValidation) {
        Map<String, ModelMetadata.Range> ranges = new LinkedHashMap<>();
        for (int f = 0; f < history.features().size(); f++) {
            ranges.put(history.features().get(f), new ModelMetadata.Range(plan.trainStats().min()[f], plan.trainStats().max()[f]));
        }
        List<ModelMetadata.EpochRecord> epochs = new ArrayList<>();
        for (Trainer.Epoch e : result.history()) {
            epochs.add(new ModelMetadata.EpochRecord(e.epoch(), e.loss(), Double.isNaN(e.valLoss()) ? null : e.valLoss(), e.seconds()));
        }
        long parameters = result.weights().values().stream().mapToLong(w -> w.length).sum();
        ModelMetadata.Architecture arch = new ModelMetadata.Architecture("lstm-unrolled", spec.encoderHidden(), spec.decoderHidden(),
                spec.latent(), spec.latentSize(), spec.variant().wireName(), spec.reverse(), spec.output().wireName(), parameters);
        ModelMetadata.Training training = new ModelMetadata.Training(r.settings().epochs(), r.settings().batchSize(),
                r.settings().learningRate(), r.settings().patience(), r.settings().seed(), r.stride(), r.valFraction(),
                Durations.format(plan.maxGap()), Durations.format(plan.samplingInterval()), plan.train().count(),
                plan.validation().count(), epochs, result.bestEpoch(), result.stoppedEarly(), seconds,
                onValidation ? "validation" : "training");
        List<String> files = r.inputs().stream().map(p -> p.getFileName().toString()).toList();
        ModelMetadata.DataFingerprint data = new ModelMetadata.DataFingerprint(history.fingerprint(), files,
                history.series().size(), history.rowCount());
        ModelMetadata.Calibration cal = new ModelMetadata.Calibration("validation-quantile", r.thresholdQuantile(),
                calibration.distribution().errorAt(r.thresholdQuantile()));
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, r.modelName(), version, Instant.now().toString(), Main.VERSION,
                history.features(), spec.window(), "mse",
                new ModelMetadata.Normalisation(spec.normalization().method().wireName(), spec.normalization().center(),
                        spec.normalization().scale()),
                ranges, arch, training, calibration.distribution(), cal, data, checksums);
    }

    private static Path createTemporary(Path out) {
        try {
            Files.createDirectories(out);
            return Files.createTempDirectory(out, ".training-");
        } catch (AccessDeniedException | FileAlreadyExistsException e) {
            throw new InputException("cannot write to --out " + out + ": " + reason(e));
        } catch (IOException e) {
            throw new InputException("cannot write to --out " + out + ": " + e.getMessage());
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file (not a directory) is in the way" : e.getMessage();
    }

    /** Renames the finished directory into place; a second run within the same second gets the next second. */
    private static Path moveIntoPlace(Path tmp, Path out, String version) throws IOException {
        Instant at = Instant.from(ModelDirectory.VERSION_FORMAT.parse(version));
        for (int attempt = 0; attempt < 60; attempt++) {
            Path target = out.resolve(ModelDirectory.versionName(at.plusSeconds(attempt)));
            if (attempt > 0) {
                rewriteVersion(tmp, target.getFileName().toString());
            }
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another run took this second: try the next
            }
        }
        throw new IOException("could not find a free version name under " + out);
    }

    private static void rewriteVersion(Path tmp, String version) throws IOException {
        ModelMetadata m = ModelMetadataMapper.read(tmp);
        ModelMetadataMapper.write(tmp, new ModelMetadata(m.formatVersion(), m.name(), version, m.createdAt(), m.vigilVersion(),
                m.features(), m.window(), m.loss(), m.normalization(), m.trainingRange(), m.architecture(), m.training(),
                m.validationErrors(), m.calibration(), m.data(), m.checksums()));
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory is hidden (.training-*) and ignored by version listings
        }
    }
}
