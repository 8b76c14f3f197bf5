package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.DetectorApp;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricsServer;
import io.vigil.metrics.VigilMetrics;
import io.vigil.testing.DetectorProps;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus scrapes a running detector, and every query of the Grafana dashboard gets a
 * non-empty answer through Prometheus' HTTP API: the dashboard only uses metrics the detector exports.
 */
class PrometheusDashboardIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyDashboardQueryAnswersAgainstARunningDetector() throws Exception {
        Path prometheusBinary = Path.of("/usr/bin/prometheus");
        Assumptions.assumeTrue(Files.isExecutable(prometheusBinary), "Debian's prometheus package is not installed (.ci/run installs it)");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties props = DetectorProps.of(kafka, dir, "vigil-prometheus-it");
            props.setProperty("topic.partitions", "2");
            VigilConfig config = VigilConfig.of(props, Map.of());
            try (VigilMetrics metrics = new VigilMetrics();
                 MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics);
                 DetectorApp app = DetectorApp.start(config, metrics.streamListener(), metrics.modelListener())) {
                metrics.track(app);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> produce(kafka, producing), "it-producer");
                producer.start();
                int promPort = freePort();
                Path promConfig = Files.writeString(dir.resolve("prometheus.yml"), """
                        global:
                          scrape_interval: 1s
                          evaluation_interval: 1s
                        scrape_configs:
                          - job_name: vigil
                            static_configs:
                              - targets: ["127.0.0.1:%d"]
                        """.formatted(server.port()));
                Process prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + promConfig,
                        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
                try {
                    // rate() over 1m needs at least two samples of a counter that has moved.
                    Thread.sleep(12_000);
                    List<String> empty = new ArrayList<>();
                    HttpClient http = HttpClient.newHttpClient();
                    for (Expressions.Expression e : Expressions.dashboard()) {
                        String q = URLEncoder.encode(e.forPrometheus(), StandardCharsets.UTF_8);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + promPort + "/api/v1/query?query=" + q)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        JsonNode body = JSON.readTree(r.body());
                        if (!"success".equals(body.path("status").asText()) || body.path("data").path("result").isEmpty()) {
                            empty.add(e + " -> " + r.body());
                        }
                    }
                    assertFalse(Expressions.dashboard().isEmpty());
                    assertEquals(List.of(), empty, "dashboard queries without an answer");
                } finally {
                    producing.set(false);
                    producer.join();
                    prometheus.destroy();
                    prometheus.waitFor();
                }
            }
        }
    }

    private static void produce(EmbeddedKafka kafka, AtomicBoolean producing) {
        Random noise = new Random(3);
        try (KafkaProducer<byte[], byte[]> p = kafka.producer()) {
            for (int i = 0; producing.get(); i++) {
                for (String host : List.of("web-1", "web-2")) {
                    double[] v = TestModels.normal(i, noise);
                    if (host.equals("web-2") && i % 60 > 50) {
                        v[0] += 2.0;
                    }
                    String json = i % 97 == 0 ? "{\"ts\": \"soon\"}"
                            : "{\"ts\":" + (TestModels.START + i * TestModels.STEP_MS) + ",\"values\":{\"cpu\":" + v[0] + ",\"mem\":" + v[1] + "}}";
                    p.send(new ProducerRecord<>("telemetry", host.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
