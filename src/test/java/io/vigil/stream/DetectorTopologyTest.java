package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelException;
import io.vigil.testing.SchemaCheck;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The production topology under TopologyTestDriver with a real trained model. */
class DetectorTopologyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long STEP = TestModels.STEP_MS;
    static final long T0 = TestModels.START;

    @TempDir
    Path stateDir;
    ModelHolder holder;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> input;
    TestOutputTopic<byte[], byte[]> scores;
    TestOutputTopic<byte[], byte[]> alerts;
    TestOutputTopic<byte[], byte[]> deadLetters;
    TestOutputTopic<byte[], byte[]> embeddings;

    static StreamSettings settings(int batchMax, int hop, Duration grace, WindowSettings.GapPolicy policy, boolean embeddings) {
        WindowSettings w = new WindowSettings(TestModels.WINDOW, 2, hop, grace, Duration.ofMinutes(3), policy,
                Duration.ofMinutes(1), new float[] {0.5f, 0.6f});
        return new StreamSettings("telemetry", "anomaly-scores", "anomaly-alerts", "telemetry-dlq",
                embeddings ? Optional.of("embeddings") : Optional.empty(), w, batchMax, Duration.ofMillis(5), 4096, 1024,
                Duration.ofDays(7));
    }

    void start(StreamSettings s, DetectorConfig detector) {
        start(s, detector, Calibration.VALIDATION_QUANTILE);
    }

    void start(StreamSettings s, DetectorConfig detector, Calibration calibration) {
        holder = new ModelHolder(LoadedModel.load(TestModels.hostsModel(), null), CalibrationSettings.of(calibration), m -> detector);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(DetectorTopology.build(s, holder, StreamListener.NONE), props, Instant.ofEpochMilli(T0));
        ByteArraySerializer ser = new ByteArraySerializer();
        ByteArrayDeserializer de = new ByteArrayDeserializer();
        input = driver.createInputTopic("telemetry", ser, ser);
        scores = driver.createOutputTopic("anomaly-scores", de, de);
        alerts = driver.createOutputTopic("anomaly-alerts", de, de);
        deadLetters = driver.createOutputTopic("telemetry-dlq", de, de);
        if (s.embeddingsTopic().isPresent()) {
            embeddings = driver.createOutputTopic("embeddings", de, de);
        }
    }

    void start(StreamSettings s) {
        start(s, new DetectorConfig(0.99, 3, 3, 0.999, 2));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        if (holder != null) {
            holder.close();
        }
    }

    void send(String key, String json) {
        input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    void sendPoint(String series, long ts, double cpu, double mem) {
        send(series, "{\"ts\":" + ts + ",\"values\":{\"cpu\":" + cpu + ",\"mem\":" + mem + "}}");
    }

    void sendNormal(String series, int from, int to, Random noise) {
        for (int i = from; i < to; i++) {
            double[] v = TestModels.normal(i, noise);
            sendPoint(series, T0 + i * STEP, v[0], v[1]);
        }
    }

    static List<JsonNode> values(TestOutputTopic<byte[], byte[]> topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] v : topic.readValuesToList()) {
            out.add(JSON.readTree(v));
        }
        return out;
    }

    @Test
    void everyPointAfterTheFirstFullWindowIsScoredAtHopOne() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("web-1", 0, 20, new Random(1));
        List<TestRecord<byte[], byte[]>> records = scores.readRecordsToList();
        assertEquals(20 - TestModels.WINDOW + 1, records.size());
        JsonNode first = JSON.readTree(records.get(0).value());
        assertEquals("web-1", new String(records.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(T0, first.get("windowStart").asLong());
        assertEquals(T0 + (TestModels.WINDOW - 1) * STEP, first.get("windowEnd").asLong());
        assertEquals(T0, records.get(0).timestamp(), "the score's record time is when it was produced (the driver's wall clock)");
        assertEquals("hosts", first.get("model").get("name").asText());
        assertEquals("validation-quantile", first.get("calibration").asText());
        assertTrue(first.get("featureErrors").has("cpu") && first.get("featureErrors").has("mem"));
        assertFalse(first.get("imputed").asBoolean());
        double score = first.get("score").asDouble();
        assertTrue(score >= 0 && score <= 1);
    }

    @Test
    void hopSkipsWindowsAndSeriesAreIndependent() {
        start(settings(1, 3, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("a", 0, 17, new Random(1));
        sendNormal("b", 0, 9, new Random(2));
        List<TestRecord<byte[], byte[]>> records = scores.readRecordsToList();
        long a = records.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("a")).count();
        long b = records.size() - a;
        assertEquals(4, a, "full at 8 points, then every 3rd: points 8, 11, 14, 17");
        assertEquals(1, b);
    }

    @Test
    void batchWaitsForLingerThenScoresEverythingQueued() {
        start(settings(1000, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("web-1", 0, 12, new Random(1));
        assertTrue(scores.isEmpty(), "nothing scored before the batch fills or lingers");
        driver.advanceWallClockTime(Duration.ofMillis(10));
        assertEquals(5, scores.readRecordsToList().size());
    }

    @Test
    void outOfOrderWithinGraceIsAcceptedAndOlderIsLate() throws Exception {
        start(settings(1, 1, Duration.ofMinutes(2), WindowSettings.GapPolicy.RESET, false));
        sendNormal("s", 0, 10, new Random(1));
        sendPoint("s", T0 + 12 * STEP, 0.5, 0.6);
        sendPoint("s", T0 + 11 * STEP, 0.5, 0.6);   // one step behind the newest: within grace
        sendPoint("s", T0 + 3 * STEP, 0.5, 0.6);    // nine steps behind: late
        sendPoint("s", T0 + 12 * STEP, 0.5, 0.6);   // repeats a held timestamp: duplicate
        List<JsonNode> dlq = values(deadLetters);
        assertEquals(List.of("late", "duplicate"), dlq.stream().map(n -> n.get("reason").asText()).toList());
        assertEquals(3 + 2, scores.readRecordsToList().size(), "3 in-order windows after the first full one, +2 for 12 and 11");
    }

    @Test
    void gapResetRestartsTheWindowAndCarryFillsIt() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("s", 0, 8, new Random(1));
        sendNormal("s", 20, 23, new Random(1));
        assertEquals(1, scores.readRecordsToList().size(), "after the gap the window must fill again");
        close();

        stateDir = stateDir.resolve("carry");
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.CARRY, false));
        sendNormal("s", 0, 8, new Random(1));
        sendNormal("s", 20, 23, new Random(1));
        List<JsonNode> carried = values(scores);
        assertEquals(4, carried.size(), "the filled gap keeps the window full");
        assertTrue(carried.get(1).get("imputed").asBoolean());
    }

    @Test
    void missingFeatureIsCarriedForwardAndTheScoreSaysImputed() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("s", 0, 8, new Random(1));
        send("s", "{\"ts\":" + (T0 + 8 * STEP) + ",\"values\":{\"cpu\":0.5}}");
        List<JsonNode> out = values(scores);
        assertFalse(out.get(0).get("imputed").asBoolean());
        assertTrue(out.get(1).get("imputed").asBoolean());
    }

    @Test
    void everyBadRecordGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("s", 0, 3, new Random(1));
        send("s", "not json");
        send("s", "{\"ts\":" + T0 + ",\"values\":{\"cpu\":\"high\"}}");
        send("s", "{\"values\":{\"cpu\":1}}");
        send("s", "{\"ts\":" + (T0 + 99 * STEP) + ",\"values\":{\"cpu\":Infinity}}");
        send("s", "{\"ts\":" + (T0 + 99 * STEP) + ",\"values\":{\"disk\":1}}");
        input.pipeInput(new byte[] {(byte) 0xff, (byte) 0xfe}, "{\"ts\":1,\"value\":1}".getBytes(StandardCharsets.UTF_8));
        send("s", "{\"ts\":" + (T0 + 99 * STEP) + ",\"values\":{\"cpu\":1,\"pad\":\"" + "x".repeat(5000) + "\"}}");
        send("s", "{\"ts\":" + T0 + ",\"values\":{\"cpu\":1,\"mem\":1}}");
        List<TestRecord<byte[], byte[]>> dlq = deadLetters.readRecordsToList();
        List<String> reasons = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : dlq) {
            JsonNode env = JSON.readTree(r.value());
            reasons.add(env.get("reason").asText());
            assertEquals(env.get("reason").asText(), new String(r.headers().lastHeader("vigil.reason").value(), StandardCharsets.UTF_8));
            assertEquals("telemetry", env.get("topic").asText());
            assertTrue(env.has("offset") && env.has("detail") && env.has("value"));
        }
        assertEquals(List.of("not_json", "bad_type", "bad_timestamp", "non_finite", "no_known_feature", "bad_key", "too_large",
                "duplicate"), reasons);
        assertEquals(0, scores.readRecordsToList().size(), "3 good points do not fill a window, nothing else counted");
    }

    @Test
    void alertOpensOnAPersistentAnomalyAndResolvesWithTheSameId() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        Random noise = new Random(5);
        sendNormal("web-2", 0, 60, noise);
        for (int i = 60; i < 66; i++) {
            double[] v = TestModels.normal(i, noise);
            sendPoint("web-2", T0 + i * STEP, v[0] + 2.0, v[1]);
        }
        sendNormal("web-2", 66, 100, noise);
        List<JsonNode> events = values(alerts);
        assertTrue(events.size() >= 2, "an OPEN and a RESOLVED: " + events);
        JsonNode open = events.stream().filter(e -> e.get("status").asText().equals("OPEN")).findFirst().orElseThrow();
        JsonNode resolved = events.stream().filter(e -> e.get("status").asText().equals("RESOLVED")).findFirst().orElseThrow();
        assertEquals(open.get("alertId").asText(), resolved.get("alertId").asText());
        assertTrue(open.get("openedAt").asLong() >= T0 + 60 * STEP);
        assertEquals("cpu", open.get("features").get(0).get("name").asText(), "cpu carries the error");
        assertEquals("above", open.get("features").get(0).get("direction").asText());
        assertEquals("hosts", open.get("model").get("name").asText());
    }

    @Test
    void everyOutputMessageConformsToItsSchema() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, true));
        Random noise = new Random(5);
        sendNormal("web-2", 0, 40, noise);
        for (int i = 40; i < 46; i++) {
            double[] v = TestModels.normal(i, noise);
            sendPoint("web-2", T0 + i * STEP, v[0] + 2.0, v[1]);
        }
        sendNormal("web-2", 46, 70, noise);
        send("web-2", "{\"ts\": \"yesterday\", \"value\": 1}");
        Map<String, TestOutputTopic<byte[], byte[]>> topics = Map.of("score.schema.json", scores, "alert.schema.json", alerts,
                "embedding.schema.json", embeddings, "dead-letter.schema.json", deadLetters);
        for (var e : topics.entrySet()) {
            JsonNode schema = SchemaCheck.schema(e.getKey());
            List<JsonNode> messages = values(e.getValue());
            assertFalse(messages.isEmpty(), e.getKey());
            for (JsonNode m : messages) {
                assertEquals(List.of(), SchemaCheck.violations(schema, m), e.getKey() + ": " + m);
            }
            for (JsonNode example : schema.get("examples")) {
                assertEquals(List.of(), SchemaCheck.violations(schema, example), e.getKey() + " example");
            }
        }
    }

    /** Every calibration, stateful or not, gives the stream and {@code evaluate} the same scores and decisions. */
    @ParameterizedTest
    @EnumSource(Calibration.class)
    void scoresMatchTheOfflineEvaluatorWindowByWindow(Calibration calibration, @TempDir Path files) throws Exception {
        double threshold = CalibrationSettings.of(calibration).defaultThreshold(0.99);
        DetectorConfig detector = new DetectorConfig(threshold, 3, 3, Math.max(threshold, 0.999), 2);
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false), detector, calibration);
        Random noise = new Random(9);
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        for (int i = 0; i < 260; i++) {
            double[] v = TestModels.normal(i, noise);
            if (i >= 200 && i < 210) {
                v[0] += 1.5;
            }
            sendPoint("s", T0 + i * STEP, v[0], v[1]);
            csv.append(T0 + i * STEP).append(',').append(v[0]).append(',').append(v[1]).append('\n');
        }
        List<JsonNode> streamed = values(scores);
        assertEquals(calibration.wireName(), streamed.get(0).get("calibration").asText());
        assertTrue(streamed.stream().anyMatch(n -> n.get("anomalous").asBoolean()), "the shift is found");
        Path file = java.nio.file.Files.writeString(files.resolve("s.csv"), csv.toString());
        Properties props = new Properties();
        props.setProperty("calibration", calibration.wireName());
        props.setProperty("threshold", String.valueOf(threshold));
        props.setProperty("alert.critical.threshold", String.valueOf(Math.max(threshold, 0.999)));
        props.setProperty("alert.open.after", "3");
        props.setProperty("alert.close.after", "3");
        props.setProperty("alert.top.features", "2");
        try (LoadedModel model = LoadedModel.load(TestModels.hostsModel(), null)) {
            var history = new io.vigil.train.HistoryReader(new io.vigil.train.HistoryOptions(List.of("cpu", "mem"), "timestamp", null))
                    .read(List.of(file));
            var rows = io.vigil.evaluate.OfflineEvaluator.evaluate(model, history,
                    io.vigil.evaluate.EvaluationSettings.resolve(props, model.metadata()));
            var scored = rows.stream().filter(io.vigil.evaluate.OfflineEvaluator.RowResult::scored).toList();
            assertEquals(streamed.size(), scored.size());
            int anomalous = 0;
            for (int i = 0; i < scored.size(); i++) {
                // The stream scores one window per model call here and evaluate 256: TensorFlow's float sums differ in
                // the last bits between batch sizes, so scores agree to float precision and decisions exactly.
                assertEquals(scored.get(i).score(), streamed.get(i).get("score").asDouble(), 1e-4, "window " + i);
                assertEquals(scored.get(i).anomalous(), streamed.get(i).get("anomalous").asBoolean(), "window " + i);
                anomalous += scored.get(i).anomalous() ? 1 : 0;
            }
            assertTrue(anomalous > 0 && anomalous < scored.size() / 4, anomalous + " anomalous windows: the comparison covers both decisions");
        }
    }

    @Test
    void embeddingsAreEmittedWhenEnabled() throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, true));
        sendNormal("s", 0, 9, new Random(1));
        List<JsonNode> out = values(embeddings);
        assertEquals(2, out.size());
        assertEquals(12, out.get(0).get("latent").size());
    }

    @Test
    void aNewModelVersionIsSwappedInMidStreamAndAnIncompatibleOneRefused(@TempDir Path models) throws Exception {
        start(settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false));
        sendNormal("s", 0, 9, new Random(1));
        String before = values(scores).get(0).get("model").get("version").asText();
        Path v2 = TestModels.train(models.resolve("hosts"), 2);
        holder.swap(LoadedModel.load(v2, null));
        sendNormal("s", 9, 10, new Random(1));
        String after = values(scores).get(0).get("model").get("version").asText();
        assertNotEquals(before, after);
        assertEquals(v2.getFileName().toString(), after);
        assertThrows(ModelException.class, () -> ModelHolder.checkCompatible(holder.metadata(),
                io.vigil.registry.ModelMetadataMapper.read(Path.of("models/nab-machine-temp")
                        .resolve(io.vigil.registry.ModelDirectory.newest(Path.of("models/nab-machine-temp")).orElseThrow().getFileName()))));
    }
}
