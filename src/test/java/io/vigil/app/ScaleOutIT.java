package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.testing.CommittedTopic;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three detector instances with one application.id share a 6-partition topic whose series cover
 * every partition, and all three score. One stops in the middle of the stream; the two left take
 * its partitions, with their state, and share the rest. A read_committed consumer then sees exactly
 * the offline evaluation: every window scored once, with the same numbers, and the same alerts.
 */
class ScaleOutIT {
    static final int INSTANCES = 3;
    static final int PARTITIONS = 6;
    static final int SERIES_PER_PARTITION = 2;
    static final String APPLICATION_ID = "vigil-scale-out";
    static final long COMMIT_INTERVAL_MS = 200;
    /** The instance stopped half way: the last one started. */
    static final int STOPPED = INSTANCES - 1;
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SCORES_TIMEOUT = Duration.ofSeconds(60);
    /** How long to keep reading once every window is in, so that duplicates would show up too. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** One detector in this JVM and the windows it scored. */
    private record Instance(String name, DetectorApp app, AtomicLong scored) {
        /** The input partitions of this instance's active tasks. */
        Set<Integer> inputPartitions() {
            Set<Integer> partitions = new TreeSet<>();
            for (ThreadMetadata thread : app.streams().metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    task.topicPartitions().stream().filter(tp -> tp.topic().equals(ShiftedTelemetry.TOPIC))
                            .map(TopicPartition::partition).forEach(partitions::add);
                }
            }
            return partitions;
        }

        @Override
        public String toString() {
            return name + " (" + app.state() + ", partitions " + inputPartitions() + ", " + scored.get() + " windows scored)";
        }
    }

    @Test
    void threeInstancesShareTheWorkAndOneStoppingHandsItsSeriesToTheOthersLosingNothing() throws Exception {
        ShiftedTelemetry data = new ShiftedTelemetry(seriesOnEveryPartition());
        int half = ShiftedTelemetry.POINTS / 2;
        List<Instance> instances = new ArrayList<>();
        long began = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    AtomicLong scored = new AtomicLong();
                    String name = "instance-" + i;
                    instances.add(new Instance(name, DetectorApp.start(config(kafka, name), counting(scored), ModelWatcher.Listener.NONE),
                            scored));
                }
                awaitRunning(instances);
                double running = seconds(began);
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer();
                     CommittedTopic scores = CommittedTopic.open(kafka.bootstrapServers(), "anomaly-scores");
                     CommittedTopic alerts = CommittedTopic.open(kafka.bootstrapServers(), "anomaly-alerts")) {
                    data.send(producer, 0, half);
                    int firstHalf = data.series().size() * ShiftedTelemetry.windowsUpTo(half);
                    scores.readUntil(got -> got.size() >= firstHalf, SCORES_TIMEOUT);
                    double firstHalfIn = seconds(began);
                    for (Instance instance : instances) {
                        assertTrue(instance.scored().get() > 0, () -> "every instance scored: " + instances);
                    }

                    Instance stopped = instances.get(STOPPED);
                    List<Instance> left = instances.stream().filter(i -> i != stopped).toList();
                    Set<Integer> handedOver = stopped.inputPartitions();
                    assertFalse(handedOver.isEmpty(), () -> "the stopping instance had partitions: " + stopped);
                    Map<String, Long> scoredBefore = scoredCounts(left);
                    double stopping = seconds(began);
                    stopped.app().close();
                    double stoppedAt = seconds(began);
                    data.send(producer, half, ShiftedTelemetry.POINTS);

                    int expected = data.expectedWindows();
                    scores.readUntil(got -> got.size() >= expected, SCORES_TIMEOUT);
                    System.out.printf("broker and %d instances RUNNING at %.1f s, first half scored at %.1f s, %s closed in %.1f s,"
                            + " all %d windows scored %.1f s later%n", INSTANCES, running, firstHalfIn, stopped.name(), stoppedAt - stopping,
                            expected, seconds(began) - stoppedAt);
                    List<ConsumerRecord<byte[], byte[]>> allScores = scores.drain(SETTLE);
                    List<ConsumerRecord<byte[], byte[]>> allAlerts = alerts.poll();

                    String state = "stopped " + stopped + " holding " + handedOver + "; left " + left;
                    OfflineReference reference = OfflineReference.compute(TestModels.hostsModel(), data, dir);
                    reference.assertEveryWindowScoredOnce(allScores, () -> state);
                    reference.assertSameAlerts(allAlerts, () -> state);
                    Set<Integer> covered = new TreeSet<>();
                    for (Instance instance : left) {
                        assertEquals(KafkaStreams.State.RUNNING, instance.app().state(), state);
                        assertTrue(instance.scored().get() > scoredBefore.get(instance.name()),
                                () -> "both instances left scored after the stop: " + state);
                        covered.addAll(instance.inputPartitions());
                    }
                    assertEquals(allPartitions(), covered, () -> "the two left own every partition: " + state);
                }
            } finally {
                for (Instance instance : instances) {
                    instance.app().close();
                }
            }
        }
    }

    /**
     * Series ids {@code web-1}, {@code web-2}, ... chosen so that each input partition holds
     * {@value #SERIES_PER_PARTITION} of them under Kafka's default partitioner: every task has work,
     * so every instance does.
     */
    static List<String> seriesOnEveryPartition() {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int i = 1; byPartition.values().stream().mapToInt(List::size).sum() < PARTITIONS * SERIES_PER_PARTITION; i++) {
            String id = "web-" + i;
            List<String> onPartition = byPartition.computeIfAbsent(partitionOf(id), p -> new ArrayList<>());
            if (onPartition.size() < SERIES_PER_PARTITION) {
                onPartition.add(id);
            }
        }
        List<String> series = byPartition.values().stream().flatMap(List::stream).sorted().collect(Collectors.toList());
        assertTrue(series.contains(ShiftedTelemetry.SHIFTED), "the shifted series, and its alert, are in the set: " + series);
        return series;
    }

    /** The partition the producer's default partitioner picks for a key. */
    static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    static Set<Integer> allPartitions() {
        Set<Integer> all = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(p);
        }
        return all;
    }

    private VigilConfig config(EmbeddedKafka kafka, String instance) {
        Properties props = new Properties();
        props.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("state.dir", dir.resolve("state-" + instance).toString());
        props.setProperty("application.id", APPLICATION_ID);
        props.setProperty("topic.partitions", Integer.toString(PARTITIONS));
        props.setProperty("kafka.commit.interval.ms", Long.toString(COMMIT_INTERVAL_MS));
        props.setProperty("alert.open.after", Integer.toString(OfflineReference.ALERT_OPEN_AFTER));
        props.setProperty("alert.close.after", Integer.toString(OfflineReference.ALERT_CLOSE_AFTER));
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

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Map<String, Long> scoredCounts(List<Instance> instances) {
        return instances.stream().collect(Collectors.toMap(Instance::name, i -> i.scored().get()));
    }

    private static void awaitRunning(List<Instance> instances) throws InterruptedException {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (!instances.stream().allMatch(i -> i.app().state() == KafkaStreams.State.RUNNING) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
