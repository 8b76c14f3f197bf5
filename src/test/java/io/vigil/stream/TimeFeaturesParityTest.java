package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with day and week inputs scores the same telemetry alike in the stream (windows from the store,
 * with their step timestamps) and in {@code vigil evaluate} (windows from the file's rows): both derive the
 * calendar inputs from the same timestamps through the same code. The series crosses midnight, so the time
 * encodings change along it.
 */
class TimeFeaturesParityTest {
    private static final long STEP = TestModels.STEP_MS;
    /** 23:00 UTC, so the series runs over midnight. */
    private static final long T0 = Instant.parse("2026-11-22T23:00:00Z").toEpochMilli();
    private static final int POINTS = 150;

    @TempDir
    Path dir;

    @Test
    void streamAndEvaluateGiveTheSameErrorsAndScores() throws Exception {
        double[][] points = TestModels.normalPoints(POINTS, 5);
        for (int i = 90; i < 100; i++) {
            points[i][0] += 0.8;
        }
        Properties props = new Properties();
        props.setProperty("model.dir", TestModels.timeFeaturesModel().toString());

        try (LoadedModel model = LoadedModel.load(TestModels.timeFeaturesModel(), null)) {
            assertFalse(model.metadata().timeEncoding().isNone(), "the model takes time features");
        }
        List<JsonNode> streamed = ParityRun.stream(props, dir, T0, STEP, points).scores();
        List<OfflineEvaluator.RowResult> scored = ParityRun.evaluate(props, dir, T0, STEP, points);

        assertEquals(POINTS - TestModels.WINDOW + 1, streamed.size());
        assertEquals(streamed.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            JsonNode s = streamed.get(i);
            assertEquals(T0 + (i + TestModels.WINDOW - 1) * STEP, s.get("windowEnd").asLong());
            // TensorFlow's float sums differ in the last bits between the stream's batches of 1 and evaluate's of 256.
            assertEquals(scored.get(i).error(), s.get("error").asDouble(), 1e-6 + 1e-4 * scored.get(i).error(), "error, window " + i);
            assertEquals(scored.get(i).score(), s.get("score").asDouble(), 1e-5, "score, window " + i);
            assertEquals(scored.get(i).anomalous(), s.get("anomalous").asBoolean(), "window " + i);
            assertEquals(2, s.get("featureErrors").size(), "feature errors name the features only");
        }
    }
}
