package io.vigil.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows a topic and hands one readable line per record to a sink. It reads committed records
 * only ({@code read_committed}, so aborted exactly-once output never shows), assigns itself every
 * partition and commits nothing: watching a topic leaves no consumer group behind.
 */
public final class TopicTail {
    /** How long one poll waits; also how quickly an idle time-out or {@link #stop()} is noticed. */
    static final Duration POLL = Duration.ofMillis(200);

    /**
     * What to read: {@code series} (null: all) keeps records of that key, {@code max} (0: no
     * limit) stops after that many, {@code idleTimeout} (null: never) stops after that long
     * without a record, {@code raw} prints key and value as they are.
     */
    public record Options(String topic, String series, boolean fromBeginning, long max, Duration idleTimeout, boolean raw) {
        public Options {
            Objects.requireNonNull(topic, "topic");
            if (max < 0) {
                throw new IllegalArgumentException("--max " + max + " is negative; expected 0 (no limit) or more");
            }
        }
    }

    private final Properties clients;
    private final Options options;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;

    public TopicTail(Properties clients, Options options) {
        this.clients = clients;
        this.options = options;
    }

    /** Reads until the limit, the idle time-out or {@link #stop()}; returns the number of lines printed. */
    public long run(Consumer<String> sink) {
        List<TopicPartition> partitions = TopicProbe.partitions(clients, options.topic());
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.assign(partitions);
            if (options.fromBeginning()) {
                c.seekToBeginning(partitions);
            } else {
                c.seekToEnd(partitions);
            }
            long lastRecord = System.nanoTime();
            while (!stopped && !idle(lastRecord) && (options.max() == 0 || printed < options.max())) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    lastRecord = System.nanoTime();
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (options.series() != null && !options.series().equals(key)) {
                        continue;
                    }
                    sink.accept(line(key, r));
                    if (++printed == options.max()) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() from another thread (Ctrl-C): a normal end
        } finally {
            consumer = null;
        }
        return printed;
    }

    /** Ends {@link #run} soon; safe to call from any thread, e.g. a shutdown hook. */
    public void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private String line(String key, ConsumerRecord<byte[], byte[]> r) {
        if (options.raw()) {
            String value = r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8);
            return key == null ? value : key + " " + value;
        }
        return RecordFormatter.format(key, r.value(), r.topic(), r.partition(), r.offset());
    }

    private boolean idle(long lastRecord) {
        return options.idleTimeout() != null && System.nanoTime() - lastRecord >= options.idleTimeout().toNanos();
    }

    private Properties config() {
        Properties p = new Properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-tail");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ClientSettings.CONNECT_TIMEOUT.toMillis());
        p.putAll(clients);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }
}
