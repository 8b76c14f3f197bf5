package io.vigil.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import io.vigil.train.History;
import io.vigil.train.Windowing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end on two real NAB files, and its score checked against the independent scorer. */
class NabHarnessIT {
    static final Path NAB = Path.of("..", "shared", "data", "nab");
    static final List<String> FILES = List.of("artificialWithAnomaly/art_daily_jumpsup.csv", "realKnownCause/ambient_temperature_system_failure.csv");

    @TempDir
    Path dir;

    @Test
    void twoFilesRunScoreAndAgreeWithNabscore() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(NAB.resolve("data")), "NAB data not present");
        Path data = dir.resolve("data");
        for (String f : FILES) {
            Files.createDirectories(data.resolve(f).getParent());
            Files.copy(NAB.resolve("data").resolve(f), data.resolve(f));
        }
        Map<String, List<long[]>> labels = NabHarness.labels(NAB.resolve("labels/combined_windows.json"));
        Path out = dir.resolve("results");
        NabSettings quick = NabSettings.defaults().withEpochs(10).withThreads(1);
        List<NabFile> results = new ArrayList<>();
        for (String f : FILES) {
            results.add(NabHarness.runFile(data, data.resolve(f), labels, out, dir.resolve("models"), quick));
        }
        for (NabFile r : results) {
            Path csv = out.resolve(r.key().replace("/", "/vigil_"));
            List<String> lines = Files.readAllLines(csv);
            assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
            assertEquals(r.scores().length + 1, lines.size(), "one row per data row");
            for (int i = 0; i < r.first(); i++) {
                assertEquals(0.0, r.scores()[i], "no score in probation");
            }
            for (double v : r.scores()) {
                assertTrue(v >= 0 && v <= 1);
            }
            assertTrue(lines.stream().skip(1).anyMatch(l -> l.endsWith(",1")), "labels written");
            // One report per episode: a report beats every report less than a cooldown before it.
            for (int i = 0; i < r.scores().length; i++) {
                for (int j = Math.max(0, i - NabSettings.DEFAULT_COOLDOWN + 1); j < i && r.scores()[i] > 0; j++) {
                    assertTrue(r.scores()[i] > r.scores()[j], r.key() + ": rows " + j + " and " + i + " both report");
                }
            }
        }
        NabScoring.Result java = NabScoring.score(results, NabProfile.STANDARD);

        ProcessBuilder pb = new ProcessBuilder("python3", NAB.getParent().getParent().resolve("tools/nabscore.py").toString(), "score",
                out.toString(), "--allow-missing").redirectErrorStream(true);
        pb.environment().put("NAB_ROOT", NAB.toString());
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 not available");
            return;
        }
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), text);
        Matcher m = Pattern.compile("standard\\s+optimised\\s+\\S+\\s+\\S+\\s+(-?[0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        assertEquals(java.normalised(), Double.parseDouble(m.group(1)), 0.05, "Java vs nabscore.py:\n" + text);

        // Every calibration runs through the harness on the same trained model, scores in [0, 1], none in probation.
        NabSeries series = NabSeries.read(data.resolve(FILES.get(0)), FILES.get(0));
        Path version;
        try (var versions = Files.walk(dir.resolve("models"))) {
            version = versions.filter(f -> f.getFileName().toString().equals("model.json")).map(Path::getParent)
                    .filter(f -> f.toString().contains("jumpsup")).findFirst().orElseThrow();
        }
        int probation = NabFile.probation(series.size());
        try (LoadedModel model = LoadedModel.load(version, null)) {
            for (Calibration c : Calibration.values()) {
                double[] scores = new double[series.size()];
                NabHarness.score(series, probation, model, quick.withCalibration(CalibrationSettings.of(c)), scores);
                for (int i = 0; i < scores.length; i++) {
                    assertTrue(scores[i] >= 0 && scores[i] <= 1 && (i >= probation || scores[i] == 0), c + " row " + i);
                }
                assertTrue(Arrays.stream(scores).anyMatch(v -> v > 0.5), c + " reports something on a file with a jump");
                if (c == Calibration.STREAMING_LIKELIHOOD) {
                    assertReportsAreEvaluatesScores(series, model, quick.withCalibration(CalibrationSettings.of(c)), probation, scores);
                }
            }
        }
    }

    /**
     * An irregularly sampled series, as NAB's realTraffic files are (a median step of minutes, gaps of hours every
     * day): runs of 1 to 12 rows of {@code art_daily_jumpsup} kept, then 1 to 20 dropped. With train's automatic gap
     * rule (3 x the median step) the probation has no 16 consecutive gap-free rows, so training
     * fails and the file cannot be scored; with the harness's default (no gap limit) every row after the first window
     * has a window, and the labelled jump is caught.
     */
    @Test
    void irregularlySampledFilesAreScoredRowByRow() throws Exception {
        String key = FILES.get(0);
        Assumptions.assumeTrue(Files.isRegularFile(NAB.resolve("data").resolve(key)), "NAB data not present");
        List<String> lines = Files.readAllLines(NAB.resolve("data").resolve(key));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        Random random = new Random(1);
        for (int i = 1; i < lines.size(); ) {
            int keep = 1 + random.nextInt(12);
            kept.addAll(lines.subList(i, Math.min(lines.size(), i + keep)));
            i += keep + 1 + random.nextInt(20);
        }
        Path data = dir.resolve("irregular");
        Path file = data.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, kept);
        Map<String, List<long[]>> labels = NabHarness.labels(NAB.resolve("labels/combined_windows.json"));
        NabSettings quick = NabSettings.defaults().withEpochs(10).withThreads(1);

        InputException gapRule = assertThrows(InputException.class,
                () -> NabHarness.runFile(data, file, labels, dir.resolve("auto"), dir.resolve("models-auto"), quick.withMaxGap(null)));
        assertTrue(gapRule.getMessage().contains("gap-free"), gapRule.getMessage());

        NabFile r = NabHarness.runFile(data, file, labels, dir.resolve("results"), dir.resolve("models"), quick);
        assertEquals(kept.size() - 1, r.scores().length);
        assertEquals(1, r.windows().size());
        int[] w = r.windows().get(0);
        double inWindow = Arrays.stream(r.scores(), w[0], w[1] + 1).max().orElseThrow();
        assertTrue(inWindow > 0.99, "the jump is caught in the labelled window: " + inWindow);

        NabSeries series = NabSeries.read(file, key);
        Path version;
        try (var versions = Files.walk(dir.resolve("models"))) {
            version = versions.filter(f -> f.getFileName().toString().equals("model.json")).map(Path::getParent).findFirst().orElseThrow();
        }
        try (LoadedModel model = LoadedModel.load(version, null)) {
            assertEquals(series.size() - model.metadata().window() + 1, Windowing.windowEnds(NabHarness.history(series),
                    model.metadata().window(), Durations.parse(model.metadata().training().maxGap())).length, "a window ends at every row");
        }
    }

    /**
     * The harness decides through the same code as {@code vigil evaluate} (and the stream): every row it reports — the
     * repeat suppressor keeps some rows and zeroes the rest — carries exactly the score evaluate gives that row, daily
     * baseline and all (the file spans 14 days, so most windows have one).
     */
    private static void assertReportsAreEvaluatesScores(NabSeries series, LoadedModel model, NabSettings settings, int probation,
                                                        double[] reported) {
        EvaluationSettings evaluation = new EvaluationSettings(settings.detector(),
                Durations.parse(model.metadata().training().maxGap()), null, settings.calibration());
        List<OfflineEvaluator.RowResult> rows = OfflineEvaluator.evaluate(model,
                new History(List.of("value"), List.of(NabHarness.history(series))), evaluation);
        int compared = 0;
        for (int i = probation; i < reported.length; i++) {
            if (reported[i] > 0) {
                assertEquals(rows.get(i).score(), reported[i], 0.0, "row " + i);
                compared++;
            }
        }
        assertTrue(compared >= 3, "only " + compared + " rows reported");
    }
}
