package io.vigil.testing;

import io.vigil.model.Loss;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.model.TimeFeatures;
import io.vigil.train.HistoryOptions;
import io.vigil.train.Trainer;
import io.vigil.train.TrainingRequest;
import io.vigil.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Small real models for stream tests, trained once per test JVM with the production trainer: two
 * correlated features ({@code cpu}, {@code mem}) on a 48-step cycle, window {@value #WINDOW}.
 */
public final class TestModels {
    public static final int WINDOW = 8;
    public static final long STEP_MS = 60_000;
    public static final long START = 1_700_000_000_000L;
    private static Path root;
    private static Path timeRoot;

    private TestModels() {
    }

    /** cpu and mem at step {@code i} of the normal pattern, with a little seeded noise. */
    public static double[] normal(int i, Random noise) {
        double phase = 2 * Math.PI * i / 48.0;
        return new double[] {0.5 + 0.3 * Math.sin(phase) + 0.01 * noise.nextGaussian(),
            0.6 + 0.2 * Math.sin(phase + 0.5) + 0.01 * noise.nextGaussian()};
    }

    /** Steps 0 to {@code n} − 1 of the normal pattern, with noise seeded by {@code seed}. */
    public static double[][] normalPoints(int n, long seed) {
        Random noise = new Random(seed);
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = normal(i, noise);
        }
        return points;
    }

    /** A model name directory {@code hosts/} holding one version; trained on first use. */
    public static synchronized Path hostsModel() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("vigil-test-models");
                root.toFile().deleteOnExit();
                train(root.resolve("hosts"), 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.resolve("hosts");
    }

    /** A model name directory {@code hosts-time/} like {@link #hostsModel()}, whose model also takes day and week inputs. */
    public static synchronized Path timeFeaturesModel() {
        if (timeRoot == null) {
            try {
                timeRoot = Files.createTempDirectory("vigil-test-models");
                timeRoot.toFile().deleteOnExit();
                train(timeRoot.resolve("hosts-time"), 1, TimeFeatures.parse("day,week", null, "--time-features"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return timeRoot.resolve("hosts-time");
    }

    /** Trains another version into {@code nameDir} (different seed), returning the version directory. */
    public static Path train(Path nameDir, long seed) throws IOException {
        return train(nameDir, seed, TimeFeatures.NONE);
    }

    /** Trains a version taking {@code time}'s calendar inputs into {@code nameDir}, returning the version directory. */
    public static Path train(Path nameDir, long seed, TimeFeatures time) throws IOException {
        Path csv = Files.createTempFile("hosts", ".csv");
        StringBuilder sb = new StringBuilder("timestamp,cpu,mem\n");
        Random noise = new Random(seed);
        for (int i = 0; i < 1500; i++) {
            double[] v = normal(i, noise);
            sb.append(START + i * STEP_MS).append(',').append(v[0]).append(',').append(v[1]).append('\n');
        }
        Files.writeString(csv, sb.toString());
        TrainingRequest request = new TrainingRequest(List.of(csv), new HistoryOptions(List.of("cpu", "mem"), "timestamp", null),
                WINDOW, 1, null, 0.2, new int[] {12}, null, 0, ModelSpec.Variant.REPEAT, false, ModelSpec.OutputActivation.LINEAR,
                Normalization.Method.ZSCORE, 0, new Trainer.Settings(6, 32, 0.01, 0, seed), 0.99, "hosts", nameDir,
                Loss.MSE, time);
        Path version = TrainingRun.run(request, new Trainer.Listener() { }).versionDir();
        Files.delete(csv);
        return version;
    }
}
