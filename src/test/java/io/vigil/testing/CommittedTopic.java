package io.vigil.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One topic read from its beginning by a read_committed consumer, polled as a test goes on: what it
 * has seen is exactly what a downstream consumer of the detector's transactions would see.
 */
public final class CommittedTopic implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    private CommittedTopic(String topic, KafkaConsumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Opens {@code topic}, which must exist, at its beginning. */
    public static CommittedTopic open(String bootstrapServers, String topic) {
        return open(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** Opens {@code topic} with these client settings (bootstrap servers, security). */
    public static CommittedTopic open(Map<String, Object> clients, String topic) {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist; create it before reading it");
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            return new CommittedTopic(topic, consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Polls once and returns every record seen so far. */
    public List<ConsumerRecord<byte[], byte[]>> poll() {
        consumer.poll(POLL).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Polls until {@code done} holds for the records seen so far, or the timeout passes; returns them either way. */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> got = poll();
        while (!done.test(got) && System.nanoTime() < deadline) {
            got = poll();
        }
        return got;
    }

    /** Keeps polling for {@code quiet}, so that records beyond an expected count (duplicates) show up too. */
    public List<ConsumerRecord<byte[], byte[]>> drain(Duration quiet) {
        return readUntil(got -> false, quiet);
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
