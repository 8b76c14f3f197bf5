package io.vigil.demo;

import io.vigil.app.DetectorApp;
import io.vigil.broker.LocalBroker;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricsServer;
import io.vigil.metrics.VigilMetrics;
import io.vigil.stream.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One demo run, everything in this process: a local Kafka broker on a free port (temporary data), the
 * real detector ({@link DetectorApp}) with the demo model under exactly-once, a live feed of generated
 * telemetry with injected anomalies, and a reader printing alerts as they are committed.
 * {@link #finish()} stops the feed, lets the detector score what was sent, and scores the alerts
 * against the injected ground truth; {@link #close()} stops everything in reverse order of starting.
 */
public final class Demo implements AutoCloseable {
    /** slf4j-simple's level key for Kafka Streams' state-directory logger. */
    static final String STATE_DIRECTORY_LOG_LEVEL =
            "org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateDirectory";

    /** How long the detector may take to load the model and join its consumer group. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long, after the feed stops, the detector may take to score what was sent. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    static final Duration WAIT_STEP = Duration.ofMillis(50);

    private final DemoSettings settings;
    private final DemoPrinter printer;
    private final TelemetryGenerator generator;
    private final AtomicLong windowsScored = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private volatile long firstScoredNanos;
    private Path stateDir;
    private LocalBroker broker;
    private DetectorApp detector;
    private VigilMetrics metrics;
    private MetricsServer metricsServer;
    private AlertWatcher alerts;
    private LiveFeed feed;

    private Demo(DemoSettings settings, DemoPrinter printer, TelemetryGenerator generator) {
        this.settings = settings;
        this.printer = printer;
        this.generator = generator;
    }

    /** The generator a demo with these settings uses: the same settings give the same telemetry and anomalies. */
    public static TelemetryGenerator generator(DemoSettings settings, long startMillis) {
        var hosts = HostProfile.fleet(settings.hosts());
        AnomalySchedule schedule = AnomalySchedule.every(settings.seed(), hosts, DemoSettings.WARMUP_STEPS,
                DemoSettings.ANOMALY_INTERVAL_STEPS);
        return new TelemetryGenerator(settings.seed(), hosts, TelemetryGenerator.DEFAULT_PERIOD, TelemetryGenerator.DEFAULT_STEP,
                startMillis, schedule);
    }

    /** Starts broker, detector, alert reader and feed, printing the banner once the detector runs. */
    public static Demo start(DemoSettings settings, java.io.PrintWriter out) throws InterruptedException {
        TelemetryGenerator generator = generator(settings, DemoSettings.simulatedStart(Instant.now()));
        Demo demo = new Demo(settings, new DemoPrinter(out, generator), generator);
        try {
            demo.startAll();
            return demo;
        } catch (RuntimeException | InterruptedException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll() throws InterruptedException {
        // The demo's state is thrown away at exit, so a temporary directory is the point; Kafka Streams' warning that
        // the OS may clear one (right for vigil run) would only confuse here. Read when the logger is made, below.
        System.setProperty(STATE_DIRECTORY_LOG_LEVEL, "error");
        try {
            stateDir = Files.createTempDirectory("vigil-demo-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's state directory: " + e.getMessage(), e);
        }
        broker = LocalBroker.builder().port(0).build().start();
        VigilConfig config = settings.detectorConfig(broker.bootstrapServers(), stateDir);
        metrics = new VigilMetrics();
        metricsServer = MetricsServer.start(config.metricsBind(), config.metricsPort(), metrics);
        StreamListener meters = metrics.streamListener();
        detector = DetectorApp.start(config, new CountingListener(meters, () -> {
            if (windowsScored.getAndIncrement() == 0) {
                firstScoredNanos = System.nanoTime();
            }
        }), metrics.modelListener());
        metrics.track(detector);
        awaitRunning();
        Properties clients = new Properties();
        clients.setProperty("bootstrap.servers", broker.bootstrapServers());
        banner(config);
        alerts = new AlertWatcher(clients, config.topicAlerts(), printer::alert);
        alerts.start();
        feed = new LiveFeed(clients, config.topicInput(), generator, settings.pointsPerSecond(), printer::injected);
        feed.start();
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (detector.state() != KafkaStreams.State.RUNNING) {
            if (detector.fatalError() != null || detector.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the detector failed to start: " + detector.fatalError());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the detector was not running after " + READY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(WAIT_STEP.toMillis());
        }
    }

    private void banner(VigilConfig config) {
        var meta = detector.models().metadata();
        printer.line("Vigil demo: streaming anomaly detection on simulated telemetry, all in this process.");
        printer.line("  Kafka broker:  " + broker.bootstrapServers() + " (KRaft, temporary data, removed at exit)");
        printer.line("  Detector:      model " + meta.name() + " " + meta.version() + " (" + String.join(", ", meta.features())
                + "; window " + meta.window() + "), exactly-once, calibration " + config.calibration().method().wireName()
                + ", threshold " + number(detector.models().threshold()) + ", alert after "
                + DemoSettings.OPEN_AFTER + " anomalous windows");
        printer.line("  Telemetry:     " + generator.hosts().size() + " hosts (" + String.join(", ",
                generator.hosts().stream().map(HostProfile::name).toList()) + ") -> topic " + config.topicInput() + ", "
                + number(settings.pointsPerSecond()) + " points/s per host, one point = " + generator.step().toMinutes()
                + " simulated minutes, seed " + settings.seed());
        printer.line("  Anomalies:     one about every " + DemoSettings.ANOMALY_INTERVAL_STEPS + " points after "
                + DemoSettings.WARMUP_STEPS + " normal ones: spike, dip, level_shift, frequency_change, flat_line, correlation_break");
        printer.line("  Alerts:        topic " + config.topicAlerts() + " (read_committed), printed below");
        printer.line("  Metrics:       http://localhost:" + metricsServer.port() + "/metrics (Prometheus; /health/ready)");
        printer.line(String.format(java.util.Locale.ROOT, "  Ready in %.1f s. Press Ctrl-C to stop and see the summary.",
                (System.nanoTime() - startedNanos) / 1e9));
        printer.line("");
    }

    /** Whether the detector or the feed stopped on its own. */
    public String failure() {
        if (detector != null && (detector.fatalError() != null || detector.state() == KafkaStreams.State.ERROR)) {
            return "the detector stopped: " + detector.fatalError();
        }
        if (feed != null && feed.failure() != null) {
            return "sending telemetry failed: " + feed.failure().getMessage();
        }
        return null;
    }

    /** Seconds from start until the first window was scored, or -1 if none was yet. */
    public double secondsToFirstScore() {
        long first = firstScoredNanos;
        return first == 0 ? -1 : (first - startedNanos) / 1e9;
    }

    /** Stops the feed, waits for the detector to score what was sent, reads the last alerts and prints the summary. */
    public DetectionReport finish() throws InterruptedException {
        feed.stop();
        long sent = feed.stepsSent();
        long window = detector.models().metadata().window();
        long expected = generator.hosts().size() * Math.max(0, sent - window + 1);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (windowsScored.get() < expected && System.nanoTime() < deadline && failure() == null) {
            Thread.sleep(WAIT_STEP.toMillis());
        }
        // Scored is not yet committed: one more commit interval, and the alert reader reads to the committed end.
        Thread.sleep(Long.parseLong(DemoSettings.COMMIT_INTERVAL_MS) * 3);
        alerts.stop();
        DetectionReport report = DetectionReport.score(generator.anomalies().startedBefore(sent), alerts.alerts(), generator,
                DemoSettings.TOLERANCE_STEPS, sent);
        if (secondsToFirstScore() >= 0) {
            printer.line(String.format(java.util.Locale.ROOT, "%nFirst window scored %.1f s after start.", secondsToFirstScore()));
        }
        printer.summary(report, sent, windowsScored.get());
        return report;
    }

    public DemoPrinter printer() {
        return printer;
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (broker != null) {
            broker.close();
        }
        deleteQuietly(stateDir);
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir == null ? null : dir.toFile());
        } catch (IOException e) {
            // a temporary directory: what is left, the OS cleans up
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
