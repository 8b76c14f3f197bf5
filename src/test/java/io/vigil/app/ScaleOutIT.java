package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilConfig;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two detector instances with one application.id share a 4-partition topic; one stops mid-stream and
 * the other takes its series over: every window is still scored exactly once.
 */
class ScaleOutIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheWorkAndOneStoppingLosesNothing() throws Exception {
        ShiftedTelemetry data = new ShiftedTelemetry();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AtomicLong scoredByA = new AtomicLong();
            AtomicLong scoredByB = new AtomicLong();
            DetectorApp a = DetectorApp.start(config(kafka, "a"), counting(scoredByA), ModelWatcher.Listener.NONE);
            DetectorApp b = DetectorApp.start(config(kafka, "b"), counting(scoredByB), ModelWatcher.Listener.NONE);
            try {
                waitFor(a, b);
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    data.send(producer, 0, ShiftedTelemetry.POINTS / 2);
                    int half = ShiftedTelemetry.SERIES.size() * (ShiftedTelemetry.POINTS / 2 - TestModels.WINDOW + 1);
                    kafka.readCommitted("anomaly-scores", Duration.ofSeconds(60), got -> got.size() >= half);
                    assertTrue(scoredByA.get() > 0 && scoredByB.get() > 0,
                            "both instances scored: a " + scoredByA.get() + ", b " + scoredByB.get());
                    b.close();
                    data.send(producer, ShiftedTelemetry.POINTS / 2, ShiftedTelemetry.POINTS);
                }
                int expected = ShiftedTelemetry.expectedWindows();
                List<ConsumerRecord<byte[], byte[]>> scores = kafka.readCommitted("anomaly-scores", Duration.ofSeconds(90),
                        got -> got.size() >= expected);
                Map<String, Integer> seen = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : scores) {
                    JsonNode n = JSON.readTree(r.value());
                    seen.merge(n.get("series").asText() + "@" + n.get("windowEnd").asLong(), 1, Integer::sum);
                }
                assertEquals(expected, seen.size(), "every window scored");
                assertTrue(seen.values().stream().allMatch(c -> c == 1), "no window scored twice");
                assertEquals(KafkaStreams.State.RUNNING, a.state());
            } finally {
                b.close();
                a.close();
            }
        }
    }

    private VigilConfig config(EmbeddedKafka kafka, String instance) {
        Properties props = new Properties();
        props.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("state.dir", dir.resolve("state-" + instance).toString());
        props.setProperty("application.id", "vigil-scale-out");
        props.setProperty("topic.partitions", "4");
        props.setProperty("kafka.commit.interval.ms", "200");
        return VigilConfig.of(props, Map.of());
    }

    private static StreamListener counting(AtomicLong scored) {
        return new StreamListener() {
            @Override
            public void windowScored(double score, boolean anomalous, long windowEnd) {
                scored.incrementAndGet();
            }
        };
    }

    private static void waitFor(DetectorApp a, DetectorApp b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((a.state() != KafkaStreams.State.RUNNING || b.state() != KafkaStreams.State.RUNNING) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
