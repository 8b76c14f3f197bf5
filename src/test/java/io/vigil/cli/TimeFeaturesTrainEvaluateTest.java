package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.ModelSignature;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.ScoreBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * {@code train --time-features day,week} end to end: the SavedModel's windows carry the feature and four
 * calendar encodings, {@code model.json} says which, every served output covers the feature alone, the
 * calendar inputs change what the model says, and {@code evaluate} scores a file with the model.
 */
class TimeFeaturesTrainEvaluateTest {
    private static final int WINDOW = 8;
    private static final long HOUR = 3_600_000L;
    /** Monday 2026-11-02 00:00 UTC. */
    private static final long START = 1_762_041_600_000L;

    @TempDir
    static Path dir;
    static Path versionDir;
    static Path history;

    /** Hourly load that is high in working hours and on weekdays, with noise: a pattern longer than a window. */
    static String series(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,load\n");
        for (int i = 0; i < rows; i++) {
            int hour = i % 24;
            boolean weekday = (i / 24) % 7 < 5;
            double load = (hour >= 8 && hour < 18 ? 0.8 : 0.2) * (weekday ? 1 : 0.5) + 0.02 * r.nextGaussian();
            sb.append(START + i * HOUR).append(',').append(load).append('\n');
        }
        return sb.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        history = Files.writeString(dir.resolve("load.csv"), series(24 * 28, 1));
        CliRunner.Run run = CliRunner.run("train", "--quiet", "--input", history.toString(), "--window", String.valueOf(WINDOW),
                "--hidden", "8", "--epochs", "3", "--time-features", "day,week", "--out", dir.resolve("models/load").toString());
        assertEquals(0, run.exitCode(), run.err());
        versionDir = ModelDirectory.resolve(dir.resolve("models/load"), null);
    }

    @Test
    void modelsListShowsTheTimeFeatures() {
        CliRunner.Run run = CliRunner.run("models", "list", dir.resolve("models/load").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.contains(versionDir.getFileName().toString()) && l.contains("day,week (UTC)")),
                run.out());
    }

    @Test
    void theSavedModelTakesTheFeatureAndFourEncodingsPerStep() {
        try (SavedModelBundle bundle = SavedModelBundle.load(versionDir.toString(), ModelSignature.TAG)) {
            Signature signature = bundle.function(ModelSignature.KEY).signature();
            assertEquals(1 + 4, signature.getInputs().get(ModelSignature.INPUT_WINDOWS).shape.get(2), "F + k inputs per step");
            assertEquals(1, signature.getOutputs().get(ModelSignature.FEATURE_ERROR).shape.get(1), "errors over the feature only");
            assertEquals(1, signature.getOutputs().get(ModelSignature.RECONSTRUCTION).shape.get(2), "reconstruction of the feature only");
        }
    }

    @Test
    void modelJsonRecordsTheEncodingsAndZoneInFormat2() {
        try (LoadedModel model = LoadedModel.load(versionDir, null)) {
            ModelMetadata m = model.metadata();
            assertEquals(2, m.formatVersion());
            assertEquals(new ModelMetadata.TimeInputs(List.of("day", "week"), "UTC"), m.timeFeatures());
            assertEquals(List.of("load"), m.features(), "the encodings are inputs, not features");
            assertEquals(1, model.scorer().features());
            assertEquals(4, model.scorer().timeFeatures().size());
        }
    }

    @Test
    void theSameValuesAtAnotherTimeOfDayScoreDifferently() {
        try (LoadedModel model = LoadedModel.load(versionDir, null)) {
            float[] values = new float[WINDOW];
            java.util.Arrays.fill(values, 0.8f);
            long[] working = new long[WINDOW];
            long[] night = new long[WINDOW];
            for (int t = 0; t < WINDOW; t++) {
                working[t] = START + (9 + t) * HOUR;
                night[t] = START + (21 + t) * HOUR;
            }
            ScoreBatch day = model.scorer().score(values, working, 1);
            ScoreBatch dark = model.scorer().score(values, night, 1);
            assertEquals(WINDOW, day.reconstruction().length, "one value per step comes back");
            assertNotEquals(day.windowError(0), dark.windowError(0), "the calendar inputs reach the model");
        }
    }

    @Test
    void evaluateScoresAFileWithTheModel() throws Exception {
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), series(24 * 3, 2));
        Path out = dir.resolve("scores.csv");
        CliRunner.Run run = CliRunner.run("evaluate", "--model", dir.resolve("models/load").toString(), "--input", fresh.toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("series,timestamp,load,error,score,anomalous,alert", lines.get(0));
        assertEquals(1 + 24 * 3, lines.size());
        long scored = lines.stream().skip(1).filter(l -> !l.split(",", -1)[3].isEmpty()).count();
        assertEquals(24 * 3 - WINDOW + 1, scored, "every full window is scored");
    }

    @Test
    void encodeWritesALatentPerWindow() throws Exception {
        Path fresh = Files.writeString(dir.resolve("fresh-encode.csv"), series(24 * 2, 3));
        Path out = dir.resolve("latents.csv");
        CliRunner.Run run = CliRunner.run("encode", "--model", dir.resolve("models/load").toString(), "--input", fresh.toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1 + 24 * 2 - WINDOW + 1, Files.readAllLines(out).size(), "a header and one latent per full window");
    }

    @Test
    void sequencesRefuseTimeFeatures() throws Exception {
        Path seq = Files.writeString(dir.resolve("seq.csv"), "a,b\n1,2\n3,4\n");
        CliRunner.Run run = CliRunner.run("train", "--quiet", "--sequences", seq.toString(), "--steps", "1", "--features-per-step", "2",
                "--time-features", "day", "--out", dir.resolve("models/seq").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--time-features"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
