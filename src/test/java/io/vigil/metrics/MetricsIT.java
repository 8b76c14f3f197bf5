package io.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.app.DetectorApp;
import io.vigil.config.VigilConfig;
import io.vigil.testing.DetectorProps;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run}'s metrics end to end: the endpoint comes up before the streams, the detector runs on
 * a real KRaft broker, and a scrape over HTTP has every contract series, counts that reconcile with what
 * was sent, no series id in any tag, and readiness once Kafka Streams is RUNNING.
 */
class MetricsIT {
    static final List<String> SERIES = List.of("web-1", "web-2");
    static final int POINTS = 40;
    static final List<String> BAD = List.of("not json", "{\"ts\": 1, \"values\": {\"cpu\": \"high\"}}", "{\"values\": {\"cpu\": 1}}");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aScrapeOfTheRunningDetectorHasTheWholeContractAndReconciles() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties props = DetectorProps.of(kafka, dir, "vigil-metrics-it");
            props.setProperty("topic.partitions", "2");
            props.setProperty("metrics.bind", "127.0.0.1");
            props.setProperty("metrics.port", "0");
            VigilConfig config = VigilConfig.of(props, Map.of());
            // The order of RunCommand: endpoint first, then the detector, then tracking it.
            try (VigilMetrics metrics = new VigilMetrics();
                 MetricsServer server = MetricsServer.start(config.metricsBind(), config.metricsPort(), metrics)) {
                assertEquals(200, get(server, "/health/live").statusCode(), "live before the detector starts");
                assertEquals(503, get(server, "/health/ready").statusCode(), "not ready before the detector starts");
                try (DetectorApp app = DetectorApp.start(config, metrics.streamListener(), metrics.modelListener())) {
                    metrics.track(app);
                    waitFor(server, "/health/ready", r -> r.statusCode() == 200);
                    int sent = produce(kafka);
                    int windows = SERIES.size() * (POINTS - TestModels.WINDOW + 1);
                    PrometheusText s = scrapeUntil(server, t -> t.value("vigil_windows_scored_total") >= windows
                            && t.value("vigil_series_active") == SERIES.size());

                    for (String series : MetricsContract.SERIES) {
                        assertTrue(s.has(series), series + " missing");
                    }
                    for (String series : MetricsContract.JVM) {
                        assertTrue(s.has(series), series + " missing");
                    }
                    assertTrue(s.has("kafka_stream_thread_process_rate"), "Kafka Streams' own metrics");
                    assertTrue(s.has("kafka_consumer_fetch_manager_records_lag_max"), "the consumers' metrics");

                    double windowed = s.value("vigil_records_in_total{outcome=\"windowed\"}");
                    double deadLettered = s.value("vigil_records_in_total{outcome=\"dead_lettered\"}");
                    assertEquals(SERIES.size() * POINTS, windowed);
                    assertEquals(BAD.size(), deadLettered);
                    assertEquals(sent, windowed + deadLettered, "every record sent is counted once");
                    assertEquals(deadLettered, s.startingWith("vigil_dead_letters_total").values().stream()
                            .mapToDouble(Double::doubleValue).sum(), "dead letters by reason add up");
                    assertEquals(windows, s.value("vigil_windows_scored_total"));
                    assertEquals(windows, s.value("vigil_score_count"));
                    assertEquals(1, s.startingWith("vigil_model_info").size(), "one model version");
                    assertEquals(1, s.value("vigil_ready"));
                    assertTrue(s.value("vigil_inference_batch_size_windows_sum") >= windows);
                    for (String series : SERIES) {
                        assertFalse(s.text().contains(series), "a series id in the scrape: " + series);
                    }
                    assertEquals(200, get(server, "/health/ready").statusCode());
                }
            }
        }
    }

    /** Good points for every series, then the bad records; returns how many records were sent. */
    static int produce(EmbeddedKafka kafka) {
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (String series : SERIES) {
                Random noise = new Random(series.hashCode());
                for (int i = 0; i < POINTS; i++) {
                    double[] v = TestModels.normal(i, noise);
                    String json = "{\"ts\":" + (TestModels.START + i * TestModels.STEP_MS) + ",\"values\":{\"cpu\":" + v[0]
                            + ",\"mem\":" + v[1] + "}}";
                    send(producer, series, json);
                    sent++;
                }
            }
            for (String bad : BAD) {
                send(producer, SERIES.get(0), bad);
                sent++;
            }
        }
        return sent;
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
        producer.send(new ProducerRecord<>("telemetry", key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> waitFor(MetricsServer server, String path, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = get(server, path);
            if (done.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not answer as expected within " + TIMEOUT + "; last: "
                        + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }

    PrometheusText scrapeUntil(MetricsServer server, Predicate<PrometheusText> done) throws Exception {
        return new PrometheusText(waitFor(server, "/metrics", r -> r.statusCode() == 200 && done.test(new PrometheusText(r.body())))
                .body());
    }
}
