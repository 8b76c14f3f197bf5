package io.vigil.config;

import static io.vigil.config.ConfigKeys.*;

import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.stream.BoundedRocksDbMemory;
import io.vigil.stream.WindowSettings.GapPolicy;
import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The detector's configuration ({@code vigil run --config FILE}), immutable and typed. Values come
 * from three layers, each overriding the one before: the documented defaults, the properties file,
 * and environment variables named {@code VIGIL_} + the key in upper case with {@code .} and
 * {@code -} as {@code _} ({@code topic.dead-letter} → {@code VIGIL_TOPIC_DEAD_LETTER}). Keys under
 * {@code kafka.} go to the Kafka clients and Kafka Streams with the prefix stripped. Every bad value
 * is reported at load, all together, as an {@link InputException}; unknown keys are warnings.
 * {@link #describe()} and {@link #toString()} print secrets as {@code [redacted]}. The keys that decide
 * what the model's errors become are {@link #detection()}, which {@code vigil evaluate} reads alone. Each key, its
 * default and meaning are listed in {@code docs/configuration.md} and {@code deploy/vigil.properties}.
 */
public final class VigilConfig {
    private static final int MAX_BATCH = 65_536;
    private static final int MAX_PORT = 65_535;

    private final SortedMap<String, Setting> settings;
    private final List<String> warnings;
    private final SortedMap<String, String> kafka;
    private final String applicationId;
    private final Path stateDir;
    private final Optional<BoundedRocksDbMemory.Budget> rocksDbMemory;
    private final Path modelDir;
    private final DetectionSettings detection;
    private final Duration modelPollInterval;
    private final String topicInput;
    private final String topicScores;
    private final String topicAlerts;
    private final String topicDeadLetter;
    private final Optional<String> topicEmbeddings;
    private final int topicPartitions;
    private final short topicReplication;
    private final boolean topicCreate;
    private final Duration grace;
    private final int recordMaxBytes;
    private final int dlqMaxValueBytes;
    private final Duration seriesIdleTtl;
    private final int batchMax;
    private final Duration batchLinger;
    private final String metricsBind;
    private final int metricsPort;

    private VigilConfig(ConfigSources.Merged merged, SettingsReader r) {
        settings = Collections.unmodifiableSortedMap(merged.settings());
        warnings = List.copyOf(merged.warnings());
        kafka = Collections.unmodifiableSortedMap(KafkaSettings.read(merged.settings(), r));
        applicationId = r.kafkaName(APPLICATION_ID);
        stateDir = r.path(STATE_DIR, "a directory for Kafka Streams state");
        rocksDbMemory = rocksDbMemory(r, kafka);
        modelDir = r.existingDirectory(MODEL_DIR, "a model directory (models/<name> or models/<name>/<version>)");
        detection = DetectionSettings.read(r, warnings);
        modelPollInterval = r.duration(MODEL_POLL_INTERVAL, true);
        topicInput = r.kafkaName(TOPIC_INPUT);
        topicScores = r.kafkaName(TOPIC_SCORES);
        topicAlerts = r.kafkaName(TOPIC_ALERTS);
        topicDeadLetter = r.kafkaName(TOPIC_DEAD_LETTER);
        topicEmbeddings = r.optional(TOPIC_EMBEDDINGS).map(t -> r.kafkaName(TOPIC_EMBEDDINGS));
        topicPartitions = r.integer(TOPIC_PARTITIONS, 1, Integer.MAX_VALUE);
        topicReplication = (short) r.integer(TOPIC_REPLICATION, 1, Short.MAX_VALUE);
        topicCreate = r.bool(TOPIC_CREATE);
        grace = r.duration(GRACE, true);
        recordMaxBytes = r.integer(RECORD_MAX_BYTES, 1, Integer.MAX_VALUE);
        dlqMaxValueBytes = r.integer(DLQ_MAX_VALUE_BYTES, 0, Integer.MAX_VALUE);
        seriesIdleTtl = r.duration(SERIES_IDLE_TTL, false);
        batchMax = r.integer(BATCH_MAX, 1, MAX_BATCH);
        batchLinger = Duration.ofMillis(r.integer(BATCH_LINGER_MS, 0, Integer.MAX_VALUE));
        metricsBind = r.required(METRICS_BIND, "a host name or IP address to listen on, such as 0.0.0.0");
        metricsPort = r.integer(METRICS_PORT, 0, MAX_PORT);
        r.distinct(TOPIC_INPUT, TOPIC_SCORES, TOPIC_ALERTS, TOPIC_DEAD_LETTER, TOPIC_EMBEDDINGS);
    }

    /**
     * Reads a properties file (UTF-8) and applies {@code VIGIL_*} overrides from {@code env}.
     *
     * @throws InputException when the file is missing or unreadable, or naming every bad value
     */
    public static VigilConfig load(Path file, Map<String, String> env) {
        return build(ConfigSources.readFile(file), file.getFileName().toString(), env);
    }

    /** Builds a config from properties already in memory (reported as coming from "properties"). */
    public static VigilConfig of(Properties props, Map<String, String> env) {
        return build(props, ConfigSources.UNNAMED_SOURCE, env);
    }

    /** As {@link #of(Properties, Map)}, with errors saying the values came from {@code source} (such as a command's options). */
    public static VigilConfig of(Properties props, String source, Map<String, String> env) {
        return build(props, source, env);
    }

    private static VigilConfig build(Properties props, String sourceName, Map<String, String> env) {
        ConfigSources.Merged merged = ConfigSources.merge(props, sourceName, env);
        SettingsReader reader = new SettingsReader(merged.settings());
        VigilConfig config = new VigilConfig(merged, reader);
        reader.throwIfInvalid();
        return config;
    }

    /**
     * Kafka settings from the {@code kafka.*} keys, prefix stripped and sorted, including Vigil's defaults
     * for {@code bootstrap.servers} ({@code localhost:9092}) and {@code processing.guarantee}
     * ({@code exactly_once_v2}). Secrets are here in clear: hand the map to Kafka, never to a log.
     */
    public Map<String, Object> kafkaProperties() {
        return Collections.unmodifiableMap(new TreeMap<String, Object>(kafka));
    }

    /**
     * Kafka Streams settings: {@link #kafkaProperties()} plus {@code application.id}, {@code state.dir} and, when
     * {@code rocksdb.memory.max.bytes} is set, the {@link BoundedRocksDbMemory} config setter with its budget. A fresh copy.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        rocksDbMemory.ifPresent(budget -> p.putAll(budget.streamsConfig()));
        return p;
    }

    /** The keys that decide what the model's errors become, as {@code vigil evaluate} reads them too. */
    public DetectionSettings detection() {
        return detection;
    }

    /** {@link DetectionSettings#detector}: the alerting settings, with {@code modelThreshold} where {@code threshold} is empty. */
    public DetectorConfig detector(double modelThreshold) {
        return detection.detector(modelThreshold);
    }

    /** Every effective key = value, sorted, one per line, with its origin; secrets {@code [redacted]}. */
    public String describe() {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + " = " + Secrets.shown(e.getKey(), e.getValue().value())
                        + "  (" + e.getValue().origin() + ")")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Unknown keys in the file and {@code VIGIL_*} variables that match no key; each one line. */
    public List<String> warnings() {
        return warnings;
    }

    /** {@code application.id} (default {@code vigil}): Kafka Streams' group id and internal topic prefix. */
    public String applicationId() {
        return applicationId;
    }

    /** {@code state.dir} (default {@code ${java.io.tmpdir}/vigil-state}): Kafka Streams' local state. */
    public Path stateDir() {
        return stateDir;
    }

    /**
     * {@code rocksdb.memory.max.bytes} (default empty = unbounded, Kafka Streams' per-store defaults) and
     * {@code rocksdb.memory.write.buffer.ratio} (default 0.5): the off-heap memory all RocksDB stores share.
     */
    public Optional<BoundedRocksDbMemory.Budget> rocksDbMemory() {
        return rocksDbMemory;
    }

    /** {@code model.dir} (required, must exist): a model name directory or one version directory. */
    public Path modelDir() {
        return modelDir;
    }

    /** {@code model.version} (default empty = the newest): pins a version of a name directory. */
    public Optional<String> modelVersion() {
        return detection.modelVersion();
    }

    /** {@code model.poll.interval} (default {@code 30s}): how often to look for a new version; zero disables reload. */
    public Duration modelPollInterval() {
        return modelPollInterval;
    }

    /** {@code topic.input} (default {@code telemetry}): the telemetry records to score. */
    public String topicInput() {
        return topicInput;
    }

    /** {@code topic.scores} (default {@code anomaly-scores}): one score per window. */
    public String topicScores() {
        return topicScores;
    }

    /** {@code topic.alerts} (default {@code anomaly-alerts}): OPEN and RESOLVED alerts. */
    public String topicAlerts() {
        return topicAlerts;
    }

    /** {@code topic.dead-letter} (default {@code telemetry-dlq}): records that could not be scored, with a reason. */
    public String topicDeadLetter() {
        return topicDeadLetter;
    }

    /** {@code topic.embeddings} (default empty = off): each window's latent vector. */
    public Optional<String> topicEmbeddings() {
        return topicEmbeddings;
    }

    /** {@code topic.partitions} (default 6, at least 1): partitions of topics Vigil creates. */
    public int topicPartitions() {
        return topicPartitions;
    }

    /** {@code topic.replication} (default 1, at least 1): replication factor of topics Vigil creates. */
    public short topicReplication() {
        return topicReplication;
    }

    /** {@code topic.create} (default {@code true}): create missing topics at start. */
    public boolean topicCreate() {
        return topicCreate;
    }

    /** {@code window.hop} (default 1, at least 1): new points between two scored windows of a series. */
    public int windowHop() {
        return detection.windowHop();
    }

    /** {@code grace} (default {@code 0s}): how far back out-of-order records are still accepted. */
    public Duration grace() {
        return grace;
    }

    /** {@code max.gap} (default empty = the model's): a longer pause between two points is a gap. */
    public Optional<Duration> maxGap() {
        return detection.maxGap();
    }

    private static Optional<BoundedRocksDbMemory.Budget> rocksDbMemory(SettingsReader r, Map<String, String> kafka) {
        OptionalLong maxBytes = r.optionalBytes(ROCKSDB_MEMORY_MAX_BYTES, BoundedRocksDbMemory.MIN_BYTES,
                "a size of at least 16MiB, in bytes or with a unit KiB, MiB or GiB, such as 256MiB or 268435456; empty = unbounded");
        double ratio = r.decimal(ROCKSDB_MEMORY_WRITE_BUFFER_RATIO, f -> f > 0 && f < 1,
                "a fraction greater than 0 and less than 1, such as 0.5");
        String setter = KAFKA_PREFIX + StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG;
        if (maxBytes.isPresent() && kafka.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)) {
            r.reject(ROCKSDB_MEMORY_MAX_BYTES, "no value while " + setter + " is set: Kafka Streams takes one RocksDB config"
                    + " setter; bound the memory in that class, or remove " + setter);
            return Optional.empty();
        }
        return maxBytes.isPresent() && !Double.isNaN(ratio)
                ? Optional.of(new BoundedRocksDbMemory.Budget(maxBytes.getAsLong(), ratio)) : Optional.empty();
    }

    /** {@link DetectionSettings#calibration}: the calibration method and its parameters. */
    public CalibrationSettings calibration() {
        return detection.calibration();
    }

    /** {@code gap.policy} (default {@code reset}): what a window does at a gap. */
    public GapPolicy gapPolicy() {
        return detection.gapPolicy();
    }

    /** {@code record.max.bytes} (default 1048576): larger records go to the dead-letter topic. */
    public int recordMaxBytes() {
        return recordMaxBytes;
    }

    /** {@code dlq.max.value.bytes} (default 65536, at least 0): dead letters keep at most this much of the value. */
    public int dlqMaxValueBytes() {
        return dlqMaxValueBytes;
    }

    /** {@code series.idle.ttl} (default {@code 7d}, more than zero): a series silent this long is forgotten. */
    public Duration seriesIdleTtl() {
        return seriesIdleTtl;
    }

    /** {@code batch.max} (default 256, 1 to 65536): most windows scored in one model call. */
    public int batchMax() {
        return batchMax;
    }

    /** {@code batch.linger.ms} (default 25, at least 0): longest wait for a batch to fill. */
    public Duration batchLinger() {
        return batchLinger;
    }

    /** {@code threshold} (default empty = the model's calibration threshold), in (0, 1). */
    public Optional<Double> threshold() {
        return detection.threshold();
    }

    /** {@code metrics.bind} (default {@code 0.0.0.0}): the address of the {@code /metrics} endpoint. */
    public String metricsBind() {
        return metricsBind;
    }

    /** {@code metrics.port} (default 9400, 0 to 65535; 0 = any free port): the port of {@code /metrics}. */
    public int metricsPort() {
        return metricsPort;
    }

    /** One line, secrets redacted, safe to log. */
    @Override
    public String toString() {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + Secrets.shown(e.getKey(), e.getValue().value()))
                .collect(Collectors.joining(", ", "VigilConfig{", "}"));
    }
}
