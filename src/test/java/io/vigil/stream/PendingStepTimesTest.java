package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.VigilConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending store keeps each step's time whatever model is serving: windows that an instance serving a model
 * without time features left in the {@code pending-windows} changelog, half of them from a stretch where points
 * came 25 s late every other minute, score under a model with day and week inputs (a swap before they were
 * scored) exactly as they do in a stream that served that model from the start. Spread evenly from start to end,
 * as a store that had not kept them would give them, the late stretch's times would score otherwise.
 */
class PendingStepTimesTest {
    private static final String APP = "vigil-test";
    private static final long STEP = TestModels.STEP_MS;
    /** 23:30 UTC: the series runs over midnight, so the time encodings move along it. */
    private static final long T0 = Instant.parse("2026-11-22T23:30:00Z").toEpochMilli();
    private static final int POINTS = 80;
    /** After this point, every other point comes 25 s after its minute. */
    private static final int LATE_FROM = 40;
    private static final long LATE = 25_000;
    /** More than the run's windows: nothing is scored until the batch lingers. */
    private static final int BATCH_MAX = 4096;

    @TempDir
    Path dir;

    private static long time(int i) {
        return T0 + i * STEP + (i >= LATE_FROM && i % 2 == 1 ? LATE : 0);
    }

    @Test
    void windowsPendingAcrossASwapScoreWithTheirOwnStepTimes() throws Exception {
        double[][] points = TestModels.normalPoints(POINTS, 3);
        Map<String, byte[]> pending = pendingChangelog(points);
        int windows = POINTS - TestModels.WINDOW + 1;
        assertEquals(windows, pending.size(), "every window is still pending");
        List<Integer> sizes = pending.values().stream().map(b -> b.length).distinct().sorted().toList();
        assertEquals(List.of(sizes.get(0), sizes.get(0) + TestModels.WINDOW * Long.BYTES), sizes,
                "the regular stretch's windows are stored without their step times, the late stretch's with them");

        Map<Long, Double> fromTheStart = streamedErrors(points);
        assertEquals(windows, fromTheStart.size());
        try (ModelHolder timeModel = holder(TestModels.timeFeaturesModel())) {
            List<PendingWindow> restored = new ArrayList<>();
            pending.values().forEach(bytes -> restored.add(PendingWindow.serde().deserializer().deserialize(APP, bytes)));
            assertEquals(fromTheStart, score(timeModel, restored), "restored windows score as if the model had served from the start");

            List<PendingWindow> spread = restored.stream().map(PendingStepTimesTest::spreadEvenly).toList();
            Map<Long, Double> guessed = score(timeModel, spread);
            long windowsWithLateSteps = fromTheStart.keySet().stream().filter(end -> end > time(LATE_FROM)).count();
            assertTrue(windowsWithLateSteps > 0);
            fromTheStart.forEach((end, error) -> {
                if (end <= time(LATE_FROM)) {
                    assertEquals(error, guessed.get(end), "window ending " + end + " is regular");
                } else {
                    assertNotEquals(error, guessed.get(end), "window ending " + end + " scores otherwise with guessed times");
                }
            });
        }
    }

    /** The pending store's changelog as compacted, after the points went through an instance serving the plain model. */
    private Map<String, byte[]> pendingChangelog(double[][] points) throws Exception {
        try (ModelHolder plain = holder(TestModels.hostsModel()); TopologyTestDriver driver = driver(plain, "plain")) {
            assertTrue(plain.metadata().timeEncoding().isNone(), "the first model takes no time features");
            pipe(driver, points);
            assertTrue(driver.createOutputTopic("anomaly-scores", new ByteArrayDeserializer(), new ByteArrayDeserializer()).isEmpty());
            Map<String, byte[]> latest = new LinkedHashMap<>();
            for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(APP + "-" + DetectorTopology.PENDING_STORE + "-changelog",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (r.value() == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, r.value());
                }
            }
            return latest;
        }
    }

    /** Each window's error by its end, from a stream that served the time-features model all along, in one batch. */
    private Map<Long, Double> streamedErrors(double[][] points) throws Exception {
        try (ModelHolder timeModel = holder(TestModels.timeFeaturesModel()); TopologyTestDriver driver = driver(timeModel, "time")) {
            assertFalse(timeModel.metadata().timeEncoding().isNone(), "the model takes time features");
            pipe(driver, points);
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            Map<Long, Double> errors = new LinkedHashMap<>();
            for (byte[] v : driver.createOutputTopic("anomaly-scores", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readValuesToList()) {
                JsonNode score = DetectorTopologyTest.JSON.readTree(v);
                errors.put(score.get("windowEnd").asLong(), score.get("error").asDouble());
            }
            return errors;
        }
    }

    /** The windows scored in one batch, as a stream thread scores the windows its task restored. */
    private static Map<Long, Double> score(ModelHolder model, List<PendingWindow> windows) {
        ThreadBatch batch = new ThreadBatch(settings().windows(), false, StreamListener.NONE);
        Map<Long, Double> errors = new LinkedHashMap<>();
        ThreadBatch.Owner owner = r -> errors.put(r.window().end(), r.error().error());
        windows.forEach(w -> batch.add(owner, w, 0));
        batch.score(model);
        return errors;
    }

    /** The window with its steps spread evenly from start to end. */
    private static PendingWindow spreadEvenly(PendingWindow p) {
        long[] times = new long[p.window()];
        for (int i = 0; i < times.length; i++) {
            times[i] = p.start() + Math.round((double) (p.end() - p.start()) * i / (p.window() - 1));
        }
        return new PendingWindow(p.series(), p.start(), p.end(), p.imputed(), p.window(), p.features(), p.values(), times);
    }

    private static StreamSettings settings() {
        return DetectorTopologyTest.settings(BATCH_MAX, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false);
    }

    private static ModelHolder holder(Path modelDir) {
        Properties props = new Properties();
        props.setProperty("model.dir", modelDir.toString());
        VigilConfig config = VigilConfig.of(props, Map.of());
        return new ModelHolder(LoadedModel.load(config.modelDir(), null), config.calibration(),
                m -> config.detector(m.calibration().threshold()));
    }

    private TopologyTestDriver driver(ModelHolder holder, String name) {
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(name).toString());
        return new TopologyTestDriver(DetectorTopology.build(settings(), holder, StreamListener.NONE), streams, Instant.ofEpochMilli(T0));
    }

    private static void pipe(TopologyTestDriver driver, double[][] points) {
        TestInputTopic<byte[], byte[]> input = driver.createInputTopic("telemetry", new ByteArraySerializer(), new ByteArraySerializer());
        for (int i = 0; i < points.length; i++) {
            input.pipeInput("s".getBytes(StandardCharsets.UTF_8), ("{\"ts\":" + time(i) + ",\"values\":{\"cpu\":" + points[i][0]
                    + ",\"mem\":" + points[i][1] + "}}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
