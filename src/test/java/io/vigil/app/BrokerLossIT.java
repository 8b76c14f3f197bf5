package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.broker.LocalBroker;
import io.vigil.config.VigilConfig;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.testing.CommittedTopic;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for a while in the middle of the stream and comes back on the same data and
 * ports: the detector rides it out without dying, and every window is still scored exactly once.
 */
class BrokerLossIT {
    static final int PARTITIONS = 2;
    static final int FIRST_HALF = ShiftedTelemetry.POINTS / 2;
    static final Duration OUTAGE = Duration.ofSeconds(10);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ALL_SCORES_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

    @TempDir
    Path dir;

    @Test
    void aBrokerOutageMidStreamNeitherStopsTheDetectorNorLosesOrRepeatsAWindow() throws Exception {
        Path model = TestModels.hostsModel();
        ShiftedTelemetry data = new ShiftedTelemetry();
        try (LocalBroker broker = LocalBroker.builder().port(0).controllerPort(0).dataDir(dir.resolve("kafka")).build().start()) {
            broker.createTopics(Map.of(ShiftedTelemetry.TOPIC, PARTITIONS, CrashRecoveryIT.SCORES, PARTITIONS,
                    CrashRecoveryIT.ALERTS, PARTITIONS, CrashRecoveryIT.DEAD_LETTERS, PARTITIONS));
            try (DetectorApp app = DetectorApp.start(config(broker.bootstrapServers(), model), StreamListener.NONE, ModelWatcher.Listener.NONE)) {
                DetectorIT.waitFor(() -> app.state() == KafkaStreams.State.RUNNING, START_TIMEOUT);
                try (KafkaProducer<byte[], byte[]> producer = CrashRecoveryIT.producer(broker.bootstrapServers());
                     CommittedTopic scores = CommittedTopic.open(broker.bootstrapServers(), CrashRecoveryIT.SCORES)) {
                    data.send(producer, 0, FIRST_HALF);
                    int beforeOutage = scores.readUntil(got -> !got.isEmpty(), START_TIMEOUT).size();
                    System.out.printf("broker stopped with %d of the %d first-half scores committed%n", beforeOutage,
                            ShiftedTelemetry.SERIES.size() * (FIRST_HALF - TestModels.WINDOW + 1));
                }

                broker.stop();
                long deadline = System.nanoTime() + OUTAGE.toNanos();
                EnumSet<KafkaStreams.State> during = EnumSet.noneOf(KafkaStreams.State.class);
                while (System.nanoTime() < deadline) {
                    during.add(app.state());
                    Thread.sleep(100);
                }
                assertNull(app.fatalError(), "the stream thread died while the broker was away");
                assertTrue(during.stream().noneMatch(DEAD::contains), "states while the broker was away: " + during);
                broker.start();
                long restarted = System.nanoTime();

                int expected = data.expectedWindows();
                try (KafkaProducer<byte[], byte[]> producer = CrashRecoveryIT.producer(broker.bootstrapServers());
                     CommittedTopic scores = CommittedTopic.open(broker.bootstrapServers(), CrashRecoveryIT.SCORES);
                     CommittedTopic alerts = CommittedTopic.open(broker.bootstrapServers(), CrashRecoveryIT.ALERTS)) {
                    data.send(producer, FIRST_HALF, ShiftedTelemetry.POINTS);
                    scores.readUntil(got -> got.size() >= expected || app.fatalError() != null, ALL_SCORES_TIMEOUT);
                    System.out.printf("all scores committed %.1f s after the broker came back%n", (System.nanoTime() - restarted) / 1e9);
                    List<ConsumerRecord<byte[], byte[]>> allScores = scores.drain(SETTLE);
                    String context = "states while the broker was away: " + during + ", now " + app.state() + ", failure " + app.fatalError();

                    OfflineReference reference = OfflineReference.compute(model, data, dir);
                    reference.assertEveryWindowScoredOnce(allScores, () -> context);
                    reference.assertSameAlerts(alerts.poll(), () -> context);
                }
                assertEquals(KafkaStreams.State.RUNNING, app.state());
                assertNull(app.fatalError());
            }
        }
    }

    private VigilConfig config(String bootstrapServers, Path model) {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("model.dir", model.toString());
        p.setProperty("state.dir", dir.resolve("state").toString());
        p.setProperty("application.id", "vigil-broker-loss-it");
        p.setProperty("topic.partitions", Integer.toString(PARTITIONS));
        p.setProperty("kafka.commit.interval.ms", Long.toString(CrashRecoveryIT.COMMIT_INTERVAL_MS));
        p.setProperty("metrics.port", "0");
        p.setProperty("alert.open.after", Integer.toString(OfflineReference.ALERT_OPEN_AFTER));
        p.setProperty("alert.close.after", Integer.toString(OfflineReference.ALERT_CLOSE_AFTER));
        return VigilConfig.of(p, Map.of());
    }
}
