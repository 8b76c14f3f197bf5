package io.vigil.broker;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends telemetry records to a topic in the order given, paced by a {@link RatePacer}, with an
 * idempotent producer and {@code acks=all}, so a replay neither loses nor repeats records. The
 * first failed send stops the replay; {@link #send} returns only once every record is acknowledged.
 */
public final class TelemetryProducer {
    /** Batching for a replay: a few milliseconds of delay buys far fewer requests. */
    static final int LINGER_MS = 5;
    /** How long a send may take, retries included, before the replay fails. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    /** What a replay did: how many records, in how long. */
    public record Summary(long records, Duration elapsed) {
        public double recordsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? records / s : 0;
        }
    }

    private final Properties clients;
    private final String topic;

    /** {@code clients}: bootstrap and any security settings, as from {@link ClientSettings#load}. */
    public TelemetryProducer(Properties clients, String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /**
     * Sends the records; {@link BrokerUnreachableException} when no broker answers,
     * {@link io.vigil.telemetry.InputException} when the topic does not exist.
     */
    public Summary send(Iterable<TelemetryRecord> records, RatePacer pacer) throws InterruptedException {
        TopicProbe.partitions(clients, topic);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long start;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(), new ByteArraySerializer(), new ByteArraySerializer())) {
            start = System.nanoTime();
            for (TelemetryRecord r : records) {
                if (failure.get() != null) {
                    break;
                }
                pacer.acquire();
                // The record timestamp is the send time: event time travels in "ts". Old event
                // times (a 2015 benchmark file) as record timestamps would fall to retention at once.
                producer.send(new ProducerRecord<>(topic, null, null, r.keyBytes(), r.valueJson()), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
            }
            producer.flush();
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
        Exception e = failure.get();
        if (e instanceof TimeoutException) {
            throw unreachable(e);
        }
        if (e != null) {
            throw new IllegalStateException("sending to topic \"" + topic + "\" failed: " + e.getMessage(), e);
        }
        return new Summary(sent, Duration.ofNanos(System.nanoTime() - start));
    }

    private BrokerUnreachableException unreachable(Exception e) {
        return new BrokerUnreachableException("Kafka at " + ClientSettings.bootstrap(clients)
                + " stopped answering while sending to \"" + topic + "\": " + e.getMessage(), e);
    }

    private Properties config() {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ClientSettings.CONNECT_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ClientSettings.CONNECT_TIMEOUT.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        p.putAll(clients);
        // what makes a replay exact: not for a config file to turn off
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
