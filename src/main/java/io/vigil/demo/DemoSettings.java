package io.vigil.demo;

import io.vigil.config.ConfigKeys;
import io.vigil.config.VigilConfig;
import io.vigil.detect.Calibration;
import io.vigil.detect.DetectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * What a demo run is asked for, and the detector configuration it implies. The detector runs with
 * Vigil's defaults except where the demo needs otherwise: its own application id and a temporary state
 * directory, fewer partitions (one small broker), no model reloading, and alert rules and, for the
 * default calibration, a threshold chosen for the demo model (see docs/demo.md). The calibration and
 * threshold are the config keys {@code calibration} and {@code threshold}, read by {@code vigil run}'s
 * code ({@link VigilConfig}), which also rejects bad values.
 *
 * @param pointsPerSecond simulated points per second per host: at the default 20 and 5-minute steps,
 *                        a simulated day passes in about 15 seconds
 * @param calibration     key {@code calibration}, as given (default {@code validation-quantile})
 * @param threshold       key {@code threshold}; empty: {@link #THRESHOLD} with {@code validation-quantile}, else the
 *                        method's own default, as in {@code vigil run}
 */
public record DemoSettings(Path modelDir, int hosts, double pointsPerSecond, long seed, int metricsPort, String calibration,
                           OptionalDouble threshold) {
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
     * The demo's threshold with {@code validation-quantile}: above the model's own (0.995), because live
     * windows from an unseen seed exceed the validation quantiles a little more often than validation did.
     */
    public static final String THRESHOLD = "0.9995";
    /** With {@code validation-quantile}, critical only beyond every validation window's error: a score of 1. */
    public static final String CRITICAL = "1.0";
    /** Where the detector's settings come from, in its error messages: the command line. */
    static final String SOURCE = "vigil demo's options";
    public static final String OPEN_AFTER = "3";
    public static final String CLOSE_AFTER = "5";
    public static final String PARTITIONS = "3";
    /** Exactly-once commits: alerts become visible to a read_committed reader at each commit. */
    public static final String COMMIT_INTERVAL_MS = "100";
    public static final String APPLICATION_ID = "vigil-demo";
    static final int MAX_HOSTS = 1000;

    /** With Vigil's default calibration and the demo's threshold for it. */
    public DemoSettings(Path modelDir, int hosts, double pointsPerSecond, long seed, int metricsPort) {
        this(modelDir, hosts, pointsPerSecond, seed, metricsPort, ConfigKeys.defaultOf(ConfigKeys.CALIBRATION),
                OptionalDouble.empty());
    }

    public DemoSettings {
        Objects.requireNonNull(calibration, ConfigKeys.CALIBRATION);
        Objects.requireNonNull(threshold, ConfigKeys.THRESHOLD);
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts " + hosts + ": expected 1 to " + MAX_HOSTS);
        }
        if (!(pointsPerSecond > 0) || Double.isInfinite(pointsPerSecond)) {
            throw new IllegalArgumentException("--speed " + pointsPerSecond + ": expected a number of points per second above 0");
        }
    }

    /**
     * The detector's configuration for a broker at {@code bootstrap} and state under {@code stateDir}.
     *
     * @throws io.vigil.telemetry.InputException naming each key whose value is wrong, such as a calibration
     *                                           method that does not exist or a threshold outside (0, 1)
     */
    VigilConfig detectorConfig(String bootstrap, Path stateDir) {
        Properties p = detectorProperties();
        p.setProperty(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
        p.setProperty(ConfigKeys.STATE_DIR, stateDir.toString());
        return VigilConfig.of(p, SOURCE, Map.of());
    }

    /**
     * Checks the settings as the detector will read them, before a broker starts for them.
     *
     * @throws io.vigil.telemetry.InputException as {@link #detectorConfig} does
     */
    public void validate() {
        VigilConfig.of(detectorProperties(), SOURCE, Map.of());
    }

    /** Everything but the broker's address and the state directory. */
    private Properties detectorProperties() {
        Properties p = new Properties();
        p.putAll(Map.of(
                "kafka.processing.guarantee", "exactly_once_v2",
                "kafka.commit.interval.ms", COMMIT_INTERVAL_MS,
                "application.id", APPLICATION_ID,
                "model.dir", modelDir.toString(),
                "model.poll.interval", "0s",
                "topic.partitions", PARTITIONS,
                ConfigKeys.CALIBRATION, calibration,
                "alert.open.after", OPEN_AFTER,
                "alert.close.after", CLOSE_AFTER));
        p.setProperty("metrics.port", Integer.toString(metricsPort));
        if (quantile()) {
            p.setProperty(ConfigKeys.THRESHOLD, threshold.isPresent() ? Double.toString(threshold.getAsDouble()) : THRESHOLD);
            p.setProperty(ConfigKeys.ALERT_CRITICAL_THRESHOLD, CRITICAL);
        } else if (threshold.isPresent()) {
            // As run derives a defaulted critical threshold from the method's default threshold, so here from the one given.
            p.setProperty(ConfigKeys.THRESHOLD, Double.toString(threshold.getAsDouble()));
            p.setProperty(ConfigKeys.ALERT_CRITICAL_THRESHOLD, Double.toString(
                    DetectorConfig.defaultCriticalThreshold(Math.min(threshold.getAsDouble(), 1))));
        }
        return p;
    }

    /** Whether the method is validation-quantile; a name that is no method is left for VigilConfig to refuse. */
    private boolean quantile() {
        try {
            return Calibration.parse(calibration) == Calibration.VALIDATION_QUANTILE;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The simulated clock starts at today's midnight (UTC), so the daily load curve matches the clock. */
    static long simulatedStart(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    }

    static Duration step() {
        return io.vigil.demo.TelemetryGenerator.DEFAULT_STEP;
    }
}
