package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.ScoringPolicy;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the streaming likelihood, the stream (its per-series state stored in the changelogged store after every
 * window, so through {@link io.vigil.detect.CalibrationStateMapper}) and {@code vigil evaluate} (state in memory)
 * give the same scores, and both report a newest value beyond the series' seen range as a new extreme once the
 * likelihood is warm, and not before.
 */
class LikelihoodParityTest {
    private static final long STEP = TestModels.STEP_MS;
    private static final long T0 = TestModels.START;
    private static final int POINTS = 200;
    /** A cpu far above its cycle while the likelihood still warms up. */
    private static final int EARLY_SPIKE = 50;
    /** A mem far above anything seen, once the likelihood is warm. */
    private static final int LATE_SPIKE = 150;

    @TempDir
    Path dir;

    @Test
    void streamAndEvaluateAgreeAndReportTheNewExtreme() throws Exception {
        double[][] points = TestModels.normalPoints(POINTS, 7);
        points[EARLY_SPIKE][0] = 1.5;
        points[LATE_SPIKE][1] = 1.2;
        Properties props = new Properties();
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("calibration", "streaming-likelihood");

        List<JsonNode> streamed = ParityRun.stream(props, dir, T0, STEP, points).scores();
        List<OfflineEvaluator.RowResult> scored = ParityRun.evaluate(props, dir, T0, STEP, points);

        assertEquals(POINTS - TestModels.WINDOW + 1, streamed.size());
        assertEquals(streamed.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            JsonNode s = streamed.get(i);
            assertEquals("streaming-likelihood", s.get("calibration").asText());
            // TensorFlow's float sums differ in the last bits between the stream's batches of 1 and evaluate's of 256.
            assertEquals(scored.get(i).score(), s.get("score").asDouble(), 1e-5, "score, window " + i);
            assertEquals(scored.get(i).anomalous(), s.get("anomalous").asBoolean(), "window " + i);
        }
        int early = EARLY_SPIKE - (TestModels.WINDOW - 1);
        assertTrue(early < ScoringPolicy.LIKELIHOOD_WARM_UP, "the early spike falls in the warm-up");
        assertEquals(0.5, streamed.get(early).get("score").asDouble(), "a new extreme in the warm-up is not news");
        assertEquals("threshold", streamed.get(early).get("reason").asText());

        int late = LATE_SPIKE - (TestModels.WINDOW - 1);
        JsonNode extreme = streamed.get(late);
        assertEquals("new-extreme", extreme.get("reason").asText());
        assertTrue(extreme.get("anomalous").asBoolean());
        assertTrue(extreme.get("score").asDouble() >= 0.99999, "score " + extreme.get("score"));
        assertTrue(scored.get(late).anomalous());
        assertFalse(streamed.get(late + 1).get("reason").asText().equals("new-extreme"), "the next window is back in range");
    }
}
