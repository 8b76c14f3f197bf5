package io.vigil.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the alerts topic from its beginning on a thread of its own, with a {@code read_committed}
 * consumer (exactly-once output that was aborted never shows), hands each alert to a sink and keeps
 * them all for the summary. {@link #stop()} first reads up to the topic's committed end, so the
 * summary sees every alert the detector committed before the demo stopped. Commits no offsets.
 */
final class AlertWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);
    static final Duration POLL = Duration.ofMillis(100);
    /** How long {@link #stop()} may spend reading what is left. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Properties clients;
    private final String topic;
    private final Consumer<DemoAlert> sink;
    private final List<DemoAlert> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    AlertWatcher(Properties clients, String topic, Consumer<DemoAlert> sink) {
        this.clients = clients;
        this.topic = topic;
        this.sink = sink;
        this.thread = new Thread(this::run, "vigil-demo-alerts");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Every alert read so far, in the order read. */
    List<DemoAlert> alerts() {
        return List.copyOf(seen);
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (!stopping) {
                poll(c);
            }
            // Catch up with everything committed so far: the end offsets under read_committed.
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                poll(c);
            }
        } catch (RuntimeException e) {
            LOG.error("reading alerts from {} failed: {}", topic, e.toString());
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> c) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
            try {
                DemoAlert a = DemoAlert.parse(r.value());
                seen.add(a);
                sink.accept(a);
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping an alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
    }

    /** Reads what is committed up to now, then stops; returns when the thread has ended. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(DRAIN_TIMEOUT.toMillis() + POLL.toMillis() * 10);
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(DRAIN_TIMEOUT.toMillis() + POLL.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties config() {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-demo-alerts");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }
}
