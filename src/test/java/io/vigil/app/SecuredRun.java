package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.cli.CliRunner;
import io.vigil.metrics.PrometheusText;
import io.vigil.testing.CommittedTopic;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.LocalAddresses;
import io.vigil.testing.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The end-to-end check of the secured-broker tests, done the way a user would: one properties file
 * whose {@code kafka.*} keys carry the security settings, used by {@code vigil run} (a child process),
 * {@code vigil produce} and {@code vigil tail}. The detector must score every window exactly as the
 * offline evaluation does, and the secrets must appear neither in its log nor in its {@code /metrics}.
 */
final class SecuredRun {
    static final String TELEMETRY = "telemetry";
    static final String SCORES = "anomaly-scores";
    static final String LOOPBACK = "127.0.0.1";
    static final Pattern METRICS_URL = Pattern.compile("metrics at http://(\\S+):(\\d+)/metrics");
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration SCORES_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SETTLE = Duration.ofSeconds(1);
    static final String TAIL_IDLE = "20s";
    /** Well below the detector's 30 s admin time-out: a rejection must be reported, not waited out. */
    static final Duration REJECTION_LIMIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dir;

    SecuredRun(Path dir) {
        this.dir = dir;
    }

    /** A detector config, {@code name}.properties: the broker, {@code kafka} (the security keys), the test model. */
    Path config(String name, EmbeddedKafka broker, Map<String, String> kafka) throws IOException {
        return config(name, broker, kafka, Map.of());
    }

    /** The same, with other Vigil {@code settings} on top. */
    Path config(String name, EmbeddedKafka broker, Map<String, String> kafka, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        kafka.forEach((k, v) -> p.setProperty("kafka." + k, v));
        p.setProperty("model.dir", TestModels.hostsModel().toString());
        p.setProperty("state.dir", dir.resolve("state-" + name).toString());
        p.setProperty("application.id", "vigil-" + name);
        p.setProperty("topic.partitions", "2");
        p.setProperty("kafka.commit.interval.ms", "200");
        p.setProperty("metrics.bind", LOOPBACK);
        p.setProperty("metrics.port", "0");
        p.setProperty("alert.open.after", Integer.toString(OfflineReference.ALERT_OPEN_AFTER));
        p.setProperty("alert.close.after", Integer.toString(OfflineReference.ALERT_CLOSE_AFTER));
        settings.forEach(p::setProperty);
        Path file = dir.resolve(name + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "SecuredRun");
        }
        return file;
    }

    /**
     * Runs the detector on {@code config} against {@code broker}, feeds and reads it with the CLI, and
     * checks the scores, the scrape and the log; {@code redactedKeys} must show as redacted in the
     * logged configuration, and no {@code secrets} may show anywhere.
     */
    void scoresEndToEndWithoutShowingSecrets(EmbeddedKafka broker, Path config, List<String> redactedKeys, List<String> secrets)
            throws Exception {
        ShiftedTelemetry data = new ShiftedTelemetry();
        int expected = data.expectedWindows();
        Path log = dir.resolve(config.getFileName() + ".log");
        String scrape;
        try (DetectorProcess detector = DetectorProcess.start(config, log)) {
            Matcher metrics = detector.awaitOutput(METRICS_URL, START_TIMEOUT);
            assertEquals(LOOPBACK, metrics.group(1), "the endpoint is where metrics.bind says");
            int port = Integer.parseInt(metrics.group(2));
            awaitReady(detector, port);
            assertOnlyOnLoopback(port);

            CliRunner.Run produce = CliRunner.run("produce", "--config", config.toString(), "--topic", TELEMETRY, "--input",
                    telemetryCsv().toString(), "--series-column", "host");
            assertEquals(0, produce.exitCode(), () -> "vigil produce: " + produce.err());

            try (CommittedTopic scores = CommittedTopic.open(broker.clientProperties(), SCORES)) {
                scores.readUntil(got -> got.size() >= expected || !detector.isAlive(), SCORES_TIMEOUT);
                List<ConsumerRecord<byte[], byte[]>> all = scores.drain(SETTLE);
                OfflineReference.compute(TestModels.hostsModel(), data, dir).assertEveryWindowScoredOnce(all, detector::output);
            }
            CliRunner.Run tail = CliRunner.run("tail", "--config", config.toString(), "--topic", SCORES, "--from-beginning",
                    "--max", Integer.toString(expected), "--timeout", TAIL_IDLE);
            assertEquals(0, tail.exitCode(), () -> "vigil tail: " + tail.err());
            assertEquals(expected, tail.lines().size(), "vigil tail printed every score");

            scrape = get(port, "/metrics").body();
            PrometheusText text = new PrometheusText(scrape);
            assertEquals(expected, text.value("vigil_windows_scored_total"), "the scrape is of this run");
            assertTrue(text.has("kafka_consumer_fetch_manager_records_lag_max"), "the Kafka clients' own metrics are in the scrape");
            detector.stop();
        }
        String output = Files.readString(log);
        assertTrue(output.contains("REBALANCING -> RUNNING"), () -> "the log is of this run:\n" + output);
        for (String key : redactedKeys) {
            assertTrue(output.contains(key + " = [redacted]"), () -> key + " is shown redacted in the logged configuration:\n" + output);
        }
        for (String secret : secrets) {
            assertFalse(output.contains(secret), () -> "a secret in the detector's log:\n" + output);
            assertFalse(scrape.contains(secret), () -> "a secret in /metrics:\n" + scrape);
        }
    }

    /**
     * {@code vigil run}, {@code vigil produce} and {@code vigil tail} on {@code config}, which the broker
     * must turn away: each exits at once with a one-line error that says so ({@code mention}) and shows
     * none of the {@code secrets}.
     */
    void assertTurnedAway(Path config, String mention, List<String> secrets) throws IOException {
        assertTurnedAway(List.of(
                CliRunner.run("run", "--config", config.toString()),
                CliRunner.run("produce", "--config", config.toString(), "--topic", TELEMETRY, "--input", telemetryCsv().toString(),
                        "--series-column", "host"),
                CliRunner.run("tail", "--config", config.toString(), "--topic", SCORES, "--max", "1", "--timeout", TAIL_IDLE)),
                mention, secrets);
    }

    /** Each run exited 2 within {@link #REJECTION_LIMIT}, its error mentioning {@code mention} and none of the {@code secrets}. */
    static void assertTurnedAway(List<CliRunner.Run> runs, String mention, List<String> secrets) {
        for (CliRunner.Run run : runs) {
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains(mention), run::toString);
            assertTrue(run.took().compareTo(REJECTION_LIMIT) < 0, () -> "reported at once, not after a time-out: " + run);
            for (String secret : secrets) {
                assertFalse(run.err().contains(secret), run::toString);
            }
        }
    }

    /** The data set as the CSV {@code vigil produce} reads. */
    private Path telemetryCsv() throws IOException {
        return Files.writeString(dir.resolve("telemetry.csv"), new ShiftedTelemetry().csv());
    }

    private void awaitReady(DetectorProcess detector, int port) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpResponse<String> ready = get(port, "/health/ready");
        while (ready.statusCode() != 200) {
            if (!detector.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("not ready within " + START_TIMEOUT + ": " + ready.body() + "\n" + detector.output());
            }
            Thread.sleep(DetectorProcess.POLL_MS);
            ready = get(port, "/health/ready");
        }
    }

    /** Bound to loopback, the endpoint refuses connections to the machine's other address (when it has one). */
    private static void assertOnlyOnLoopback(int port) {
        Optional<InetAddress> other = LocalAddresses.nonLoopback();
        other.ifPresent(address -> assertFalse(LocalAddresses.accepts(address, port),
                "metrics.bind=" + LOOPBACK + " but " + address.getHostAddress() + ":" + port + " accepts connections"));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
