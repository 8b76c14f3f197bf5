package io.vigil.config;

import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.detect.Spot;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names of the detector's config keys and their defaults, in the order the docs list them.
 * {@code docs/configuration.md} and {@code deploy/vigil.properties} explain each key; a test keeps
 * both in step with this list. Keys under {@link #KAFKA_PREFIX} are not listed: any of them passes
 * to the Kafka clients and Kafka Streams.
 */
public final class ConfigKeys {
    /** Keys starting with this pass to Kafka with the prefix stripped. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Environment variables that override a key start with this. */
    public static final String ENV_PREFIX = "VIGIL_";

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String KAFKA_PROCESSING_GUARANTEE = "kafka.processing.guarantee";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String ROCKSDB_MEMORY_MAX_BYTES = "rocksdb.memory.max.bytes";
    public static final String ROCKSDB_MEMORY_WRITE_BUFFER_RATIO = "rocksdb.memory.write.buffer.ratio";
    public static final String MODEL_DIR = "model.dir";
    public static final String MODEL_VERSION = "model.version";
    public static final String MODEL_POLL_INTERVAL = "model.poll.interval";
    public static final String TOPIC_INPUT = "topic.input";
    public static final String TOPIC_SCORES = "topic.scores";
    public static final String TOPIC_ALERTS = "topic.alerts";
    public static final String TOPIC_DEAD_LETTER = "topic.dead-letter";
    public static final String TOPIC_EMBEDDINGS = "topic.embeddings";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION = "topic.replication";
    public static final String TOPIC_CREATE = "topic.create";
    public static final String WINDOW_HOP = "window.hop";
    public static final String GRACE = "grace";
    public static final String MAX_GAP = "max.gap";
    public static final String GAP_POLICY = "gap.policy";
    public static final String CALIBRATION = CalibrationSettings.KEY_CALIBRATION;
    public static final String SPOT_RISK = CalibrationSettings.KEY_SPOT_RISK;
    public static final String LIKELIHOOD_DAILY_BASELINE = CalibrationSettings.KEY_DAILY_BASELINE;
    public static final String LIKELIHOOD_DAILY_ZONE = CalibrationSettings.KEY_DAILY_ZONE;
    public static final String RECORD_MAX_BYTES = "record.max.bytes";
    public static final String DLQ_MAX_VALUE_BYTES = "dlq.max.value.bytes";
    public static final String SERIES_IDLE_TTL = "series.idle.ttl";
    public static final String BATCH_MAX = "batch.max";
    public static final String BATCH_LINGER_MS = "batch.linger.ms";
    public static final String THRESHOLD = DetectorConfig.KEY_THRESHOLD;
    public static final String ALERT_OPEN_AFTER = DetectorConfig.KEY_OPEN_AFTER;
    public static final String ALERT_CLOSE_AFTER = DetectorConfig.KEY_CLOSE_AFTER;
    public static final String ALERT_CRITICAL_THRESHOLD = DetectorConfig.KEY_CRITICAL_THRESHOLD;
    public static final String ALERT_TOP_FEATURES = DetectorConfig.KEY_TOP_FEATURES;
    public static final String ALERT_COOLDOWN = DetectorConfig.KEY_COOLDOWN;
    public static final String ALERT_WARMUP = DetectorConfig.KEY_WARMUP;
    public static final String ALERT_SUPPRESS_ABSOLUTE = DetectorConfig.KEY_SUPPRESS_ABSOLUTE;
    public static final String ALERT_SUPPRESS_RELATIVE = DetectorConfig.KEY_SUPPRESS_RELATIVE;
    public static final String RANGE_GUARD_MARGIN = DetectorConfig.KEY_RANGE_GUARD_MARGIN;
    public static final String METRICS_BIND = "metrics.bind";
    public static final String METRICS_PORT = "metrics.port";

    /** {@link Spot#DEFAULT_RISK} as the docs write it. */
    static final String SPOT_RISK_DEFAULT = "0.0001";

    /** Written {@code ${java.io.tmpdir}/vigil-state} in the docs; resolved when the config loads. */
    static final String STATE_DIR_DEFAULT = "${java.io.tmpdir}/vigil-state";

    /** Every own key with its default as text; "" means unset (see each key), null means required. */
    private static final Map<String, String> DEFAULTS = defaultsInDocOrder();

    private ConfigKeys() {
    }

    /** The environment variable that overrides a key: {@code topic.dead-letter} → {@code VIGIL_TOPIC_DEAD_LETTER}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Own keys (and the two Kafka keys Vigil defaults) with their defaults as written in the docs. */
    static Map<String, String> documentedDefaults() {
        return DEFAULTS;
    }

    /** The documented default of an own key, as text ("" when unset by default). */
    public static String defaultOf(String key) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("not a Vigil config key: " + key);
        }
        return DEFAULTS.get(key);
    }

    static boolean isKnown(String key) {
        return DEFAULTS.containsKey(key);
    }

    static boolean isKafka(String key) {
        return key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length();
    }

    /** The effective text of a default: system properties such as {@code ${java.io.tmpdir}} filled in. */
    static String resolvedDefault(String key) {
        String value = DEFAULTS.get(key);
        return STATE_DIR.equals(key) ? Path.of(System.getProperty("java.io.tmpdir"), "vigil-state").toString() : value;
    }

    private static Map<String, String> defaultsInDocOrder() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
        d.put(KAFKA_PROCESSING_GUARANTEE, "exactly_once_v2");
        d.put(APPLICATION_ID, "vigil");
        d.put(STATE_DIR, STATE_DIR_DEFAULT);
        d.put(ROCKSDB_MEMORY_MAX_BYTES, "");
        d.put(ROCKSDB_MEMORY_WRITE_BUFFER_RATIO, "0.5");
        d.put(MODEL_DIR, null);
        d.put(MODEL_VERSION, "");
        d.put(MODEL_POLL_INTERVAL, "30s");
        d.put(TOPIC_INPUT, "telemetry");
        d.put(TOPIC_SCORES, "anomaly-scores");
        d.put(TOPIC_ALERTS, "anomaly-alerts");
        d.put(TOPIC_DEAD_LETTER, "telemetry-dlq");
        d.put(TOPIC_EMBEDDINGS, "");
        d.put(TOPIC_PARTITIONS, "6");
        d.put(TOPIC_REPLICATION, "1");
        d.put(TOPIC_CREATE, "true");
        d.put(WINDOW_HOP, "1");
        d.put(GRACE, "0s");
        d.put(MAX_GAP, "");
        d.put(GAP_POLICY, "reset");
        d.put(RECORD_MAX_BYTES, "1048576");
        d.put(DLQ_MAX_VALUE_BYTES, "65536");
        d.put(SERIES_IDLE_TTL, "7d");
        d.put(BATCH_MAX, "256");
        d.put(BATCH_LINGER_MS, "25");
        d.put(CALIBRATION, "validation-quantile");
        d.put(SPOT_RISK, SPOT_RISK_DEFAULT);
        d.put(LIKELIHOOD_DAILY_BASELINE, "true");
        d.put(LIKELIHOOD_DAILY_ZONE, CalibrationSettings.DEFAULT_DAILY_ZONE.getId());
        d.put(THRESHOLD, "");
        d.put(ALERT_OPEN_AFTER, String.valueOf(DetectorConfig.DEFAULT_OPEN_AFTER));
        d.put(ALERT_CLOSE_AFTER, String.valueOf(DetectorConfig.DEFAULT_CLOSE_AFTER));
        d.put(ALERT_CRITICAL_THRESHOLD, String.valueOf(DetectorConfig.DEFAULT_CRITICAL_THRESHOLD));
        d.put(ALERT_TOP_FEATURES, String.valueOf(DetectorConfig.DEFAULT_TOP_FEATURES));
        d.put(ALERT_COOLDOWN, String.valueOf(DetectorConfig.DEFAULT_COOLDOWN));
        d.put(ALERT_WARMUP, String.valueOf(DetectorConfig.DEFAULT_WARMUP));
        d.put(ALERT_SUPPRESS_ABSOLUTE, "0");
        d.put(ALERT_SUPPRESS_RELATIVE, "0");
        d.put(RANGE_GUARD_MARGIN, "");
        d.put(METRICS_BIND, "0.0.0.0");
        d.put(METRICS_PORT, "9400");
        return Collections.unmodifiableMap(d);
    }
}
