package io.vigil.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            // One report per alert: an OPEN, at least one window to resolve it, then the cooldown.
            int last = -NabSettings.REPORT_COOLDOWN - 2;
            for (int i = 0; i < r.scores().length; i++) {
                if (r.scores()[i] > 0) {
                    assertTrue(i - last >= NabSettings.REPORT_COOLDOWN + 2, r.key() + ": reports at rows " + last + " and " + i);
                    assertTrue(r.scores()[i] > NabSettings.REPORT_THRESHOLD, r.key() + " row " + i);
                    last = i;
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
    }
}
