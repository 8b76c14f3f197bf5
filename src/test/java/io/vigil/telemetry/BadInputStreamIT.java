package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.DetectorApp;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.VigilMetrics;
import io.vigil.testing.DetectorProps;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser's hostile corpus (not JSON, truncated, wrong types, NaN and Infinity in every spelling,
 * huge numbers, deep nesting, a 10 MB value, binary keys, bad timestamps, unknown features...) plus late
 * and duplicate points, mixed into a normal stream on a real broker: the detector stays RUNNING, every bad
 * record reaches the dead-letter topic with its reason, the good ones are all scored, and the counts
 * reconcile (records in = records windowed + records dead-lettered).
 */
class BadInputStreamIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int POINTS = 120;
    static final int MAX_MESSAGE = 20 << 20;

    @TempDir
    Path dir;

    @Test
    void hostileRecordsAreDeadLetteredWithTheirReasonAndTheStreamKeepsScoring() throws Exception {
        TelemetryParser modelParser = new TelemetryParser(List.of("cpu", "mem"), 1 << 20);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                // Let a 10 MB record reach the topic, so the detector (not the broker) has to reject it.
                admin.createTopics(List.of(new NewTopic("telemetry", 2, (short) 1)
                        .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE))))).all().get();
            }
            Properties props = DetectorProps.of(kafka, dir, "vigil-bad-input-it");
            props.setProperty("kafka.max.partition.fetch.bytes", String.valueOf(MAX_MESSAGE));
            VigilConfig config = VigilConfig.of(props, Map.of());
            try (VigilMetrics metrics = new VigilMetrics();
                 DetectorApp app = DetectorApp.start(config, metrics.streamListener(), metrics.modelListener())) {
                metrics.track(app);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                List<Object[]> corpus = TelemetryParserCorpusTest.corpus().map(a -> a.get()).toList();
                Map<String, Integer> expectedReasons = new TreeMap<>();
                int sent = 0;
                int good = 0;
                Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE, ProducerConfig.ACKS_CONFIG, "all");
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    Random noise = new Random(4);
                    int hostile = 0;
                    for (int i = 0; i < POINTS; i++) {
                        double[] v = TestModels.normal(i, noise);
                        long ts = TestModels.START + i * TestModels.STEP_MS;
                        producer.send(record("web-1", "{\"ts\":" + ts + ",\"values\":{\"cpu\":" + v[0] + ",\"mem\":" + v[1] + "}}"));
                        sent++;
                        good++;
                        if (i % 2 == 1 && hostile < corpus.size()) {
                            Object[] c = corpus.get(hostile++);
                            byte[] key = (byte[]) c[1];
                            byte[] value = (byte[]) c[2];
                            ParseResult r = modelParser.parse(key, value);
                            if (r instanceof ParseResult.Rejected rejected) {
                                expectedReasons.merge(rejected.reason().wireName(), 1, Integer::sum);
                            } else {
                                good++;
                            }
                            producer.send(new ProducerRecord<>("telemetry", key, value));
                            sent++;
                        }
                        if (i == 60) {
                            // a repeated timestamp and one far behind the window (grace 0): duplicate and late
                            producer.send(record("web-1", "{\"ts\":" + ts + ",\"values\":{\"cpu\":0.5,\"mem\":0.6}}"));
                            producer.send(record("web-1", "{\"ts\":" + (ts - 50 * TestModels.STEP_MS) + ",\"values\":{\"cpu\":0.5,\"mem\":0.6}}"));
                            expectedReasons.merge("duplicate", 1, Integer::sum);
                            expectedReasons.merge("late", 1, Integer::sum);
                            sent += 2;
                        }
                    }
                    assertTrue(hostile >= 50, "mixed in " + hostile + " hostile records");
                }
                int bad = expectedReasons.values().stream().mapToInt(Integer::intValue).sum();
                List<ConsumerRecord<byte[], byte[]>> dlq = kafka.readCommitted("telemetry-dlq", Duration.ofSeconds(60), got -> got.size() >= bad);
                Map<String, Integer> reasons = new TreeMap<>();
                for (ConsumerRecord<byte[], byte[]> r : dlq) {
                    JsonNode envelope = JSON.readTree(r.value());
                    reasons.merge(envelope.get("reason").asText(), 1, Integer::sum);
                    assertEquals(envelope.get("reason").asText(),
                            new String(r.headers().lastHeader(DeadLetter.REASON_HEADER).value(), StandardCharsets.UTF_8));
                }
                assertEquals(expectedReasons, reasons, "dead letters by reason");
                int windows = POINTS - TestModels.WINDOW + 1;
                List<ConsumerRecord<byte[], byte[]>> scores = kafka.readCommitted("anomaly-scores", Duration.ofSeconds(60),
                        got -> got.size() >= windows);
                assertEquals(windows, scores.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("web-1")).count(),
                        "every good point of web-1 was windowed and scored");
                assertEquals(KafkaStreams.State.RUNNING, app.state());
                String scrape = metrics.scrape();
                double windowed = counter(scrape, "vigil_records_in_total{outcome=\"windowed\"}");
                double deadLettered = counter(scrape, "vigil_records_in_total{outcome=\"dead_lettered\"}");
                assertEquals(sent, windowed + deadLettered, "records in = windowed + dead-lettered");
                assertEquals(bad, deadLettered, 0.0);
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String key, String json) {
        return new ProducerRecord<>("telemetry", key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static double counter(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in the scrape");
    }
}
