package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.broker.LocalBroker;
import io.vigil.testing.CommittedTopic;
import io.vigil.testing.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector as a real process, SIGKILLed in the middle of the stream while an alert is open and
 * started again on the same state directory: the broker, which outlives it, ends up holding every
 * window's score exactly once, each equal to the offline evaluation, and the alert that the first
 * process opened is resolved by the second, once.
 */
class CrashRecoveryIT {
    static final String SCORES = "anomaly-scores";
    static final String ALERTS = "anomaly-alerts";
    static final String DEAD_LETTERS = "telemetry-dlq";
    static final int PARTITIONS = 2;
    /** The first process gets steps up to here, inside the shift: its alert is open and cannot have resolved. */
    static final int FIRST_RUN_STEPS = 92;
    /** Steps sent just before the kill, so that the process dies with records read but not committed. */
    static final int IN_FLIGHT_STEPS = 5;
    static final long COMMIT_INTERVAL_MS = 200;
    /** The broker drops the killed process from the group after this; the default 45 s would stall the restart. */
    static final long SESSION_TIMEOUT_MS = 6_000;
    static final Duration FIRST_ALERT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ALL_SCORES_TIMEOUT = Duration.ofSeconds(60);
    /** How long to keep reading once a count is reached, so that late or extra (duplicate) records show up too. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aKilledDetectorRestartedOnItsStateScoresEveryWindowOnceAndResolvesTheAlertItHadOpened() throws Exception {
        Path model = TestModels.hostsModel();
        ShiftedTelemetry data = new ShiftedTelemetry();
        try (LocalBroker broker = LocalBroker.builder().port(0).build().start()) {
            broker.createTopics(Map.of(ShiftedTelemetry.TOPIC, PARTITIONS, SCORES, PARTITIONS, ALERTS, PARTITIONS, DEAD_LETTERS, PARTITIONS));
            Path config = writeConfig(broker.bootstrapServers(), model);
            Path firstLog = dir.resolve("run-1.log");
            Path secondLog = dir.resolve("run-2.log");
            try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
                 CommittedTopic scores = CommittedTopic.open(broker.bootstrapServers(), SCORES);
                 CommittedTopic alerts = CommittedTopic.open(broker.bootstrapServers(), ALERTS)) {
                long started = System.nanoTime();
                int visibleAtKill;
                long killedAt;
                try (DetectorProcess first = DetectorProcess.start(config, firstLog)) {
                    data.send(producer, 0, FIRST_RUN_STEPS);
                    awaitRecord(alerts, r -> OfflineReference.isAlert(r, ShiftedTelemetry.SHIFTED, "OPEN"), first, FIRST_ALERT_TIMEOUT);
                    data.send(producer, FIRST_RUN_STEPS, FIRST_RUN_STEPS + IN_FLIGHT_STEPS);
                    Thread.sleep(COMMIT_INTERVAL_MS);
                    first.kill();
                    killedAt = System.nanoTime();
                    visibleAtKill = scores.drain(SETTLE).size();
                }
                assertTrue(visibleAtKill > 0 && visibleAtKill < data.expectedWindows(),
                        "killed mid-stream: " + visibleAtKill + " of " + data.expectedWindows() + " scores committed");
                data.send(producer, FIRST_RUN_STEPS + IN_FLIGHT_STEPS, ShiftedTelemetry.POINTS);

                try (DetectorProcess second = DetectorProcess.start(config, secondLog)) {
                    int expected = data.expectedWindows();
                    scores.readUntil(got -> got.size() >= expected || !second.isAlive(), ALL_SCORES_TIMEOUT);
                    List<ConsumerRecord<byte[], byte[]>> allScores = scores.drain(SETTLE);
                    List<ConsumerRecord<byte[], byte[]>> allAlerts = alerts.poll();
                    int owedAtKill = ShiftedTelemetry.SERIES.size() * (FIRST_RUN_STEPS + IN_FLIGHT_STEPS - TestModels.WINDOW + 1);
                    System.out.printf("killed %.1f s in with %d of the %d scores then owed committed; all %d scores read %.1f s after the kill%n",
                            (killedAt - started) / 1e9, visibleAtKill, owedAtKill, allScores.size(), (System.nanoTime() - killedAt) / 1e9);
                    String logs = "killed with " + visibleAtKill + " scores committed\n" + outputs(firstLog, secondLog);

                    OfflineReference reference = OfflineReference.compute(model, data, dir);
                    assertEquals(expected, reference.windowCount(), "windows in the data set");
                    reference.assertEveryWindowScoredOnce(allScores, () -> logs);
                    reference.assertSameAlerts(allAlerts, () -> logs);
                    // The streamed alerts are the offline ones, so the shift's alert, opened by the first
                    // process and resolved by the second, came out once each: its state survived the kill.
                    List<String> shift = reference.alertsOpened(ShiftedTelemetry.SHIFTED, ShiftedTelemetry.shiftStart(),
                            ShiftedTelemetry.timestamp(ShiftedTelemetry.SHIFT_TO));
                    assertEquals(2, shift.size(), () -> "the shift is one alert: " + shift + "\n" + logs);
                    assertTrue(shift.get(0).endsWith(" OPEN") && shift.get(1).endsWith(" RESOLVED"), shift::toString);
                    try (CommittedTopic deadLetters = CommittedTopic.open(broker.bootstrapServers(), DEAD_LETTERS)) {
                        assertEquals(0, deadLetters.drain(SETTLE).size(), () -> "no record dead-lettered\n" + logs);
                    }
                }
            }
        }
    }

    private Path writeConfig(String bootstrapServers, Path model) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("model.dir", model.toString());
        p.setProperty("state.dir", dir.resolve("state").toString());
        p.setProperty("application.id", "vigil-crash-it");
        p.setProperty("topic.partitions", Integer.toString(PARTITIONS));
        p.setProperty("kafka.commit.interval.ms", Long.toString(COMMIT_INTERVAL_MS));
        p.setProperty("kafka.session.timeout.ms", Long.toString(SESSION_TIMEOUT_MS));
        p.setProperty("metrics.port", "0");
        p.setProperty("alert.open.after", Integer.toString(OfflineReference.ALERT_OPEN_AFTER));
        p.setProperty("alert.close.after", Integer.toString(OfflineReference.ALERT_CLOSE_AFTER));
        Path file = dir.resolve("vigil.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "CrashRecoveryIT");
        }
        return file;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void awaitRecord(CommittedTopic topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted, DetectorProcess detector,
                                    Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> got = topic.readUntil(
                seen -> seen.stream().anyMatch(wanted) || !detector.isAlive(), timeout);
        if (!got.stream().anyMatch(wanted)) {
            fail((detector.isAlive() ? "nothing awaited on " + topic.topic() + " within " + timeout : "the detector exited")
                    + " (" + got.size() + " records)\n" + detector.output());
        }
    }

    private static String outputs(Path... logs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            sb.append("--- ").append(log.getFileName()).append(" ---\n")
                    .append(Files.exists(log) ? Files.readString(log) : "(none)\n");
        }
        return sb.toString();
    }
}
