package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.DetectorConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology reports, per task, the series it holds and its open alerts (the metrics
 * gauges {@code vigil.series.active} and {@code vigil.alerts.open}), and forgets expired series.
 */
class TaskGaugesTest {
    static final Duration TTL = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    /** The latest report of every task, as a listener for metrics would keep it. */
    static final class Reports implements StreamListener {
        final Map<String, long[]> byTask = new ConcurrentHashMap<>();

        @Override
        public void taskGauges(String task, long activeSeries, long openAlerts) {
            byTask.put(task, new long[] {activeSeries, openAlerts});
        }

        @Override
        public void taskClosed(String task) {
            byTask.remove(task);
        }

        long series() {
            return byTask.values().stream().mapToLong(v -> v[0]).sum();
        }

        long openAlerts() {
            return byTask.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    @Test
    void seriesAndOpenAlertsAreReportedAndExpiryForgetsThem() {
        WindowSettings w = new WindowSettings(TestModels.WINDOW, 2, 1, Duration.ZERO, Duration.ofMinutes(3),
                WindowSettings.GapPolicy.RESET, Duration.ofMinutes(1), new float[] {0.5f, 0.6f});
        StreamSettings s = new StreamSettings("telemetry", "anomaly-scores", "anomaly-alerts", "telemetry-dlq", Optional.empty(),
                w, 1, Duration.ofMillis(5), 4096, 1024, TTL);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Reports reports = new Reports();
        try (ModelHolder holder = new ModelHolder(LoadedModel.load(TestModels.hostsModel(), null),
                m -> new DetectorConfig(0.99, 3, 30, 0.999, 2));
             TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(s, holder, reports), props,
                     Instant.ofEpochMilli(TestModels.START))) {
            assertEquals(0, reports.series(), "a fresh task reports empty stores at start");
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic("telemetry", new ByteArraySerializer(), new ByteArraySerializer());
            Random noise = new Random(5);
            for (String series : new String[] {"web-1", "web-2", "web-3"}) {
                for (int i = 0; i < 40; i++) {
                    double[] v = TestModels.normal(i, noise);
                    if (series.equals("web-2") && i >= 30) {
                        v[0] += 2.0; // a persistent shift: an alert opens and stays open (close.after 30)
                    }
                    String json = "{\"ts\":" + (TestModels.START + i * TestModels.STEP_MS) + ",\"values\":{\"cpu\":" + v[0]
                            + ",\"mem\":" + v[1] + "}}";
                    input.pipeInput(series.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
                }
            }
            input.pipeInput("web-4".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
            driver.advanceWallClockTime(DetectorProcessor.GAUGE_INTERVAL);
            assertEquals(3, reports.series(), "dead letters hold no window");
            assertEquals(1, reports.openAlerts());
            driver.advanceWallClockTime(TTL.plus(TTL));
            assertEquals(0, reports.series(), "idle series expired");
            assertEquals(0, reports.openAlerts(), "an expired series' open alert is gone with it");
            assertTrue(!reports.byTask.isEmpty());
        }
        assertTrue(reports.byTask.isEmpty(), "a closed task is forgotten");
    }
}
