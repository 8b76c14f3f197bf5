package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gap.policy} and {@code window.hop} change which windows the stream scores, and {@code vigil evaluate} scores
 * the same ones: a series with two gaps longer than the model's {@code max.gap} (3 minutes) gives, through the stream
 * and through evaluate, the same windows (end, imputed or not) with the same scores, and a different set of windows
 * than the defaults ({@code reset}, hop 1) give — so evaluate cannot pass by ignoring the key.
 */
class GapPolicyHopParityTest {
    private static final long STEP = TestModels.STEP_MS;
    /** Gap-free runs of points; between them, gaps of {@link #GAPS} steps. */
    private static final int[] SEGMENTS = {40, 30, 50};
    /**
     * 6 steps (5 missing, fewer than a window: carry fills them and the window still holds real points from before
     * the gap), then 45 steps (carry fills a whole window's worth).
     */
    private static final int[] GAPS = {6, 45};

    @TempDir
    Path dir;

    @Test
    void carryScoresTheWindowsAcrossAGapAsTheStreamDoes() throws Exception {
        List<JsonNode> streamed = assertSameWindows(props("carry", 1));
        // Once full, the window never restarts: every point after the first window's worth ends a window.
        assertEquals(points() - (TestModels.WINDOW - 1), streamed.size());
        assertTrue(streamed.stream().anyMatch(s -> s.get("imputed").asBoolean()), "windows across a gap are imputed");
    }

    @Test
    void hopThreeScoresEveryThirdPointAsTheStreamDoes() throws Exception {
        List<JsonNode> streamed = assertSameWindows(props("reset", 3));
        assertTrue(streamed.size() < defaults().size() / 2, streamed.size() + " windows at hop 3");
    }

    @Test
    void carryWithHopThreeAndAStatefulCalibrationAsTheStreamDoes() throws Exception {
        Properties props = props("carry", 3);
        props.setProperty("calibration", "streaming-likelihood");
        List<JsonNode> streamed = assertSameWindows(props);
        // The hop counts real points only, across the gaps: one window at the first full window, then every third point.
        assertEquals(1 + (points() - TestModels.WINDOW) / 3, streamed.size());
    }

    /**
     * Streams and evaluates the series under {@code props}; asserts both give the same windows and scores, and other
     * windows than the defaults; returns the stream's Scores messages.
     */
    private List<JsonNode> assertSameWindows(Properties props) throws Exception {
        long[] times = times();
        double[][] points = TestModels.normalPoints(times.length, 11);
        List<JsonNode> streamed = ParityRun.stream(props, Files.createDirectories(dir.resolve("stream")), times, points).scores();
        List<OfflineEvaluator.RowResult> scored = ParityRun.evaluate(props, Files.createDirectories(dir.resolve("evaluate")),
                times, points);

        assertEquals(streamed.size(), scored.size(), "windows scored");
        for (int i = 0; i < scored.size(); i++) {
            JsonNode s = streamed.get(i);
            OfflineEvaluator.RowResult r = scored.get(i);
            assertEquals(s.get("windowEnd").asLong(), times[r.row()], "window " + i + " ends at the same point");
            assertEquals(s.get("imputed").asBoolean(), r.imputed(), "imputed, window " + i);
            // TensorFlow's float sums differ in the last bits between the stream's batches of 1 and evaluate's of 256.
            assertEquals(s.get("error").asDouble(), r.error(), 1e-5, "error, window " + i);
            assertEquals(s.get("score").asDouble(), r.score(), 1e-5, "score, window " + i);
            assertEquals(s.get("anomalous").asBoolean(), r.anomalous(), "anomalous, window " + i);
        }
        assertNotEquals(ends(defaults()), ends(streamed), "the key changes which windows are scored");
        return streamed;
    }

    /** The stream's windows under the defaults: restarted at each gap, one per point once full. */
    private List<JsonNode> defaults() throws Exception {
        long[] times = times();
        List<JsonNode> streamed = ParityRun.stream(props("reset", 1), Files.createDirectories(dir.resolve("defaults")), times,
                TestModels.normalPoints(times.length, 11)).scores();
        int expected = 0;
        for (int segment : SEGMENTS) {
            expected += segment - (TestModels.WINDOW - 1);
        }
        assertEquals(expected, streamed.size(), "windows under the defaults");
        return streamed;
    }

    private static List<Long> ends(List<JsonNode> scores) {
        return scores.stream().map(s -> s.get("windowEnd").asLong()).toList();
    }

    private static Properties props(String gapPolicy, int hop) {
        Properties props = new Properties();
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("gap.policy", gapPolicy);
        props.setProperty("window.hop", Integer.toString(hop));
        return props;
    }

    private static int points() {
        int n = 0;
        for (int segment : SEGMENTS) {
            n += segment;
        }
        return n;
    }

    /** One point a minute, with the gaps between segments. */
    private static long[] times() {
        long[] times = new long[points()];
        long t = TestModels.START;
        int i = 0;
        for (int s = 0; s < SEGMENTS.length; s++) {
            if (s > 0) {
                t += (GAPS[s - 1] - 1) * STEP;
            }
            for (int k = 0; k < SEGMENTS[s]; k++, i++) {
                times[i] = t;
                t += STEP;
            }
        }
        return times;
    }
}
