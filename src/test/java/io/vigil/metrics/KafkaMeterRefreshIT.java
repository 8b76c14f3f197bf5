package io.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.app.DetectorApp;
import io.vigil.config.VigilConfig;
import io.vigil.testing.DetectorProps;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams runs several clients (the stream thread's consumer, its restore consumer, the producer,
 * the admin client) whose metrics share names. Micrometer's Kafka binder re-reads them on a timer and
 * registers the new ones; Micrometer up to 1.14.5 re-registered meters it already had there (a "This Gauge
 * has been already registered" warning) and tried a per-client meter beside a per-topic one of the same
 * name (a Prometheus "same set of tag keys" failure), which {@code vigil demo} printed a minute after start.
 * Here the binder's refreshes run every second against a detector that starts, gets its partitions and
 * scores, and every meter must be registered once and still report.
 */
class KafkaMeterRefreshIT {
    static final Duration REFRESH = Duration.ofSeconds(1);
    static final int REFRESHES_AFTER_SCORING = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void refreshesRegisterEveryKafkaMeterOnceAndTheMetersStillReport() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        FastRefresh refresh = new FastRefresh();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             VigilMetrics metrics = new VigilMetrics(refresh)) {
            metrics.registry().config().onMeterRegistrationFailed((id, reason) -> failures.add(id + ": " + reason));
            // Micrometer logs through slf4j-simple, which writes to whatever System.err is at the time.
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try (DetectorApp app = DetectorApp.start(config(kafka), metrics.streamListener(), metrics.modelListener())) {
                // As vigil run and vigil demo do: track at once, before the group has its partitions.
                metrics.track(app);
                awaitRunning(app);
                MetricsIT.produce(kafka);
                int windows = MetricsIT.SERIES.size() * (MetricsIT.POINTS - TestModels.WINDOW + 1);
                // The series gauge counts what the stores hold, which follows the scores by up to a commit.
                PrometheusText s = until(metrics, t -> t.has("vigil_windows_scored_total")
                        && t.value("vigil_windows_scored_total") >= windows && t.value("vigil_series_active") == MetricsIT.SERIES.size());
                int seen = refresh.runs.get();
                s = until(metrics, t -> refresh.runs.get() >= seen + REFRESHES_AFTER_SCORING);

                assertTrue(s.startingWith("kafka_stream_thread_process_total").values().stream().mapToDouble(Double::doubleValue)
                        .sum() >= windows, "Kafka Streams' meters report: " + s.startingWith("kafka_stream_thread_process_total"));
                assertTrue(s.has("kafka_consumer_fetch_manager_records_lag_max"), "the consumers' per-partition meters");
                assertTrue(s.has("kafka_producer_record_send_total"), "the producer's meters");
                assertEquals(windows, s.value("vigil_windows_scored_total"), "Vigil's own meters report");
                assertEquals(MetricsIT.SERIES.size(), s.value("vigil_series_active"));
                assertEquals(1, s.value("vigil_ready"));
            } finally {
                System.setErr(stderr);
                refresh.shutdownNow();
            }
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        System.err.print(log);
        assertFalse(log.contains("has been already registered"), "a meter registered twice:\n" + log);
        assertEquals(List.of(), failures, "meters Prometheus refused");
    }

    private VigilConfig config(EmbeddedKafka kafka) {
        Properties props = DetectorProps.of(kafka, dir, "vigil-kafka-meters-it");
        props.setProperty("topic.partitions", "2");
        props.setProperty("metrics.port", "0");
        return VigilConfig.of(props, Map.of());
    }

    private static void awaitRunning(DetectorApp app) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (app.state() != KafkaStreams.State.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "the detector is not running after " + TIMEOUT + ": " + app.state());
            Thread.sleep(100);
        }
    }

    private static PrometheusText until(VigilMetrics metrics, java.util.function.Predicate<PrometheusText> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            PrometheusText s = new PrometheusText(metrics.scrape());
            if (done.test(s)) {
                return s;
            }
            assertTrue(System.nanoTime() < deadline, "not reached within " + TIMEOUT + "; last scrape:\n" + s.text());
            Thread.sleep(200);
        }
    }

    /** A real scheduler that runs the binder's refresh every {@link #REFRESH} instead of every minute, and counts the runs. */
    static final class FastRefresh extends ScheduledThreadPoolExecutor {
        final AtomicInteger runs = new AtomicInteger();

        FastRefresh() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return super.scheduleAtFixedRate(() -> {
                command.run();
                runs.incrementAndGet();
            }, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
