package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilConfig;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector end to end on a real KRaft broker under exactly-once: a series with an injected level
 * shift goes in, scores and an alert come out, and every streamed score equals what the offline
 * evaluator computes for the same window.
 */
class DetectorIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int POINTS = 150;

    @TempDir
    Path dir;

    @Test
    void streamScoresEqualOfflineEvaluationAndTheShiftRaisesAnAlert() throws Exception {
        Path model = TestModels.hostsModel();
        StringBuilder csv = new StringBuilder("timestamp,host,cpu,mem\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties props = new Properties();
            props.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.setProperty("model.dir", model.toString());
            props.setProperty("state.dir", dir.resolve("state").toString());
            props.setProperty("application.id", "vigil-it");
            props.setProperty("topic.partitions", "2");
            props.setProperty("alert.open.after", "3");
            props.setProperty("alert.close.after", "3");
            props.setProperty("kafka.commit.interval.ms", "200");
            VigilConfig config = VigilConfig.of(props, Map.of());
            try (DetectorApp app = DetectorApp.start(config, StreamListener.NONE, ModelWatcher.Listener.NONE)) {
                waitFor(() -> app.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(60));
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    for (String host : List.of("web-1", "web-2")) {
                        Random noise = new Random(host.hashCode());
                        for (int i = 0; i < POINTS; i++) {
                            double[] v = TestModels.normal(i, noise);
                            if (host.equals("web-2") && i >= 80 && i < 88) {
                                v[0] += 2.0;
                            }
                            long ts = TestModels.START + i * TestModels.STEP_MS;
                            csv.append(ts).append(',').append(host).append(',').append(v[0]).append(',').append(v[1]).append('\n');
                            String json = "{\"ts\":" + ts + ",\"values\":{\"cpu\":" + v[0] + ",\"mem\":" + v[1] + "}}";
                            producer.send(new ProducerRecord<>("telemetry", host.getBytes(StandardCharsets.UTF_8),
                                    json.getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                }
                int expected = 2 * (POINTS - TestModels.WINDOW + 1);
                List<ConsumerRecord<byte[], byte[]>> scores = kafka.readCommitted("anomaly-scores", Duration.ofSeconds(60),
                        got -> got.size() >= expected);
                assertEquals(expected, scores.size(), "every window scored exactly once");
                List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readCommitted("anomaly-alerts", Duration.ofSeconds(20),
                        got -> got.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("RESOLVED")));
                assertTrue(alerts.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals("web-2")
                        && new String(r.value(), StandardCharsets.UTF_8).contains("\"OPEN\"")), "an alert opened for web-2");

                // The same data through the offline evaluator: identical windows, identical numbers.
                Path file = Files.writeString(dir.resolve("same.csv"), csv.toString());
                Map<String, JsonNode> streamed = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : scores) {
                    JsonNode n = JSON.readTree(r.value());
                    streamed.put(n.get("series").asText() + "@" + n.get("windowEnd").asLong(), n);
                }
                try (LoadedModel loaded = LoadedModel.load(model, null)) {
                    History h = new HistoryReader(new HistoryOptions(List.of("cpu", "mem"), "timestamp", "host")).read(List.of(file));
                    Properties evalProps = new Properties();
                    evalProps.setProperty("alert.open.after", "3");
                    evalProps.setProperty("alert.close.after", "3");
                    List<OfflineEvaluator.RowResult> rows = OfflineEvaluator.evaluate(loaded, h,
                            EvaluationSettings.resolve(evalProps, loaded.metadata()));
                    int compared = 0;
                    for (OfflineEvaluator.RowResult row : rows) {
                        if (!row.scored()) {
                            continue;
                        }
                        JsonNode s = streamed.get(row.series().id() + "@" + row.series().timestamps()[row.row()]);
                        assertEquals(row.error(), s.get("error").asDouble(), 1e-5 * Math.max(1e-3, row.error()), "error");
                        // Other batch sizes sum in another order: the score may step between the two errors.
                        var validation = loaded.metadata().validationErrors();
                        double error = s.get("error").asDouble();
                        double steps = Math.abs(validation.quantileOf(error) - validation.quantileOf(row.error()));
                        assertEquals(validation.quantileOf(error), s.get("score").asDouble(), 1e-12, "score of the streamed error");
                        assertEquals(row.score(), s.get("score").asDouble(), 1e-5 + steps, "score");
                        if (steps == 0) {
                            assertEquals(row.anomalous(), s.get("anomalous").asBoolean());
                        }
                        compared++;
                    }
                    assertEquals(expected, compared);
                }
            }
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
