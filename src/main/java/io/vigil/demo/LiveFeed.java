package io.vigil.demo;

import io.vigil.broker.TelemetryRecord;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the generator's telemetry to the input topic as it "happens", on a thread of its own: step
 * {@code s} of every host goes out {@code s / pointsPerSecond} seconds after the start, keyed by host,
 * with the step's simulated time in {@code ts}. Announces each anomaly as its first point is sent.
 * The producer is idempotent with {@code acks=all}: the detector sees every point once, in order.
 */
final class LiveFeed implements AutoCloseable {
    /** Told when an anomaly starts. Called on the feed's thread. */
    interface Listener {
        void injected(InjectedAnomaly anomaly);
    }

    static final int LINGER_MS = 5;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Properties clients;
    private final String topic;
    private final TelemetryGenerator generator;
    private final double pointsPerSecond;
    private final Listener listener;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long stepsSent;

    LiveFeed(Properties clients, String topic, TelemetryGenerator generator, double pointsPerSecond, Listener listener) {
        if (!(pointsPerSecond > 0)) {
            throw new IllegalArgumentException("--speed " + pointsPerSecond + ": expected more than 0 points per second");
        }
        this.clients = clients;
        this.topic = topic;
        this.generator = generator;
        this.pointsPerSecond = pointsPerSecond;
        this.listener = listener;
        this.thread = new Thread(this::run, "vigil-demo-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Steps sent for every host so far: step {@code stepsSent() - 1} was the last. */
    long stepsSent() {
        return stepsSent;
    }

    /** Why sending stopped on its own, or null. */
    Exception failure() {
        return failure.get();
    }

    private void run() {
        List<String> features = TelemetryGenerator.FEATURES;
        int hosts = generator.hosts().size();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(), new ByteArraySerializer(), new ByteArraySerializer())) {
            long started = System.nanoTime();
            for (long s = 0; !stopping && failure.get() == null; s++) {
                long due = started + (long) (s * NANOS_PER_SECOND / pointsPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long ts = generator.timeOf(s);
                for (int h = 0; h < hosts; h++) {
                    InjectedAnomaly a = generator.anomalies().active(h, s);
                    if (a != null && a.startStep() == s && !stopping) {
                        listener.injected(a);
                    }
                    TelemetryRecord r = new TelemetryRecord(generator.hosts().get(h).name(), ts, features, generator.point(h, s));
                    producer.send(new ProducerRecord<>(topic, r.keyBytes(), r.valueJson()), (meta, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                stepsSent = s + 1;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Stops sending after the current step and waits until what was sent is acknowledged. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties config() {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-demo-feed");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
