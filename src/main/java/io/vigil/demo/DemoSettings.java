package io.vigil.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

/**
 * What a demo run is asked for, and the detector configuration it implies. The detector runs with
 * Vigil's defaults except where the demo needs otherwise: its own application id and a temporary state
 * directory, fewer partitions (one small broker), no model reloading, and a threshold and alert rules
 * chosen for the demo model (see docs/demo.md).
 *
 * @param pointsPerSecond simulated points per second per host: at the default 20 and 5-minute steps,
 *                        a simulated day passes in about 15 seconds
 */
public record DemoSettings(Path modelDir, int hosts, double pointsPerSecond, long seed, int metricsPort) {
    public static final int DEFAULT_HOSTS = HostProfile.DEFAULT_HOSTS;
    public static final double DEFAULT_SPEED = 20;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_METRICS_PORT = 9400;
    /** Normal steps before the first anomaly: the detector's first windows fill with normal data. */
    public static final long WARMUP_STEPS = 64;
    /** About this many steps between two injected anomalies (on different hosts when there are several). */
    public static final long ANOMALY_INTERVAL_STEPS = 50;
    /** An alert up to this many steps after an anomaly ends still counts: windows hold its points that long. */
    public static final long TOLERANCE_STEPS = 32;
    /**
     * The demo's calibrated-score threshold: above the model's own (0.995), because live windows from
     * an unseen seed exceed the validation quantiles a little more often than validation did.
     */
    public static final String THRESHOLD = "0.9995";
    /** Critical only beyond every validation window's error: a score of 1. */
    public static final String CRITICAL = "1.0";
    public static final String OPEN_AFTER = "3";
    public static final String CLOSE_AFTER = "5";
    public static final String PARTITIONS = "3";
    /** Exactly-once commits: alerts become visible to a read_committed reader at each commit. */
    public static final String COMMIT_INTERVAL_MS = "100";
    public static final String APPLICATION_ID = "vigil-demo";
    static final int MAX_HOSTS = 1000;

    public DemoSettings {
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts " + hosts + ": expected 1 to " + MAX_HOSTS);
        }
        if (!(pointsPerSecond > 0) || Double.isInfinite(pointsPerSecond)) {
            throw new IllegalArgumentException("--speed " + pointsPerSecond + ": expected a number of points per second above 0");
        }
    }

    /** The detector's configuration for a broker at {@code bootstrap} and state under {@code stateDir}. */
    Properties detectorProperties(String bootstrap, Path stateDir) {
        Properties p = new Properties();
        p.putAll(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "kafka.processing.guarantee", "exactly_once_v2",
                "kafka.commit.interval.ms", COMMIT_INTERVAL_MS,
                "application.id", APPLICATION_ID,
                "state.dir", stateDir.toString(),
                "model.dir", modelDir.toString(),
                "model.poll.interval", "0s",
                "topic.partitions", PARTITIONS,
                "threshold", THRESHOLD,
                "alert.open.after", OPEN_AFTER));
        p.setProperty("alert.close.after", CLOSE_AFTER);
        p.setProperty("alert.critical.threshold", CRITICAL);
        p.setProperty("metrics.port", Integer.toString(metricsPort));
        return p;
    }

    /** The simulated clock starts at today's midnight (UTC), so the daily load curve matches the clock. */
    static long simulatedStart(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    }

    static Duration step() {
        return io.vigil.demo.TelemetryGenerator.DEFAULT_STEP;
    }
}
