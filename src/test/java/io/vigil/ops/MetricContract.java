package io.vigil.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Prometheus series the detector exposes (io.vigil.metrics, Micrometer's Prometheus names), the
 * labels each carries and, where the set is closed, their values; plus the JVM and Kafka client
 * families Micrometer adds. Dashboards and alert rules may use only these.
 */
public final class MetricContract {
    /** Any value: the label is known but its values are open (a model name, a version). */
    static final Set<String> ANY = Set.of();

    /** Labels every scraped series has. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    static final Set<String> DEAD_LETTER_REASONS = Set.of("not_json", "bad_type", "bad_timestamp", "non_finite",
            "no_known_feature", "bad_key", "late", "duplicate", "too_large");

    /** vigil_* families (without histogram suffixes) → their own labels → allowed values. */
    static final Map<String, Map<String, Set<String>>> VIGIL_FAMILIES = vigilFamilies();

    /** Histogram families and the suffixed series each exposes. */
    static final Map<String, List<String>> HISTOGRAM_SUFFIXES = Map.of(
            "vigil_inference_latency_seconds", List.of("_bucket", "_count", "_sum", "_max"),
            "vigil_inference_batch_size_windows", List.of("_bucket", "_count", "_sum", "_max"),
            "vigil_score", List.of("_bucket", "_count", "_sum"),
            "vigil_score_lag_seconds", List.of("_bucket", "_count", "_sum", "_max"));

    static final Set<String> JVM_SERIES = Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes",
            "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max",
            "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds");

    /** Kafka Streams and client metrics through Micrometer's KafkaStreamsMetrics. */
    static final List<String> KAFKA_PREFIXES = List.of("kafka_consumer_", "kafka_producer_", "kafka_stream_",
            "kafka_admin_client_");

    private MetricContract() {}

    /** Whether a series name is one the detector (or Prometheus itself, {@code up}) provides. */
    public static boolean isKnown(String series) {
        return series.equals("up") || vigilFamilyOf(series) != null || JVM_SERIES.contains(series)
                || KAFKA_PREFIXES.stream().anyMatch(series::startsWith);
    }

    /** The vigil_* family a series belongs to (vigil_score_bucket → vigil_score), or null. */
    static String vigilFamilyOf(String series) {
        if (VIGIL_FAMILIES.containsKey(series) && !HISTOGRAM_SUFFIXES.containsKey(series)) {
            return series;
        }
        for (var e : HISTOGRAM_SUFFIXES.entrySet()) {
            for (String suffix : e.getValue()) {
                if (series.equals(e.getKey() + suffix)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** Labels a vigil_* series may be selected by, with their allowed values (ANY = open). */
    static Map<String, Set<String>> labelsOf(String series) {
        String family = vigilFamilyOf(series);
        Map<String, Set<String>> labels = new LinkedHashMap<>(VIGIL_FAMILIES.get(family));
        TARGET_LABELS.forEach(l -> labels.put(l, ANY));
        if (series.endsWith("_bucket") && HISTOGRAM_SUFFIXES.containsKey(family)) {
            labels.put("le", ANY);
        }
        return labels;
    }

    private static Map<String, Map<String, Set<String>>> vigilFamilies() {
        Map<String, Map<String, Set<String>>> m = new LinkedHashMap<>();
        m.put("vigil_records_in_total", Map.of("outcome", Set.of("windowed", "dead_lettered")));
        m.put("vigil_dead_letters_total", Map.of("reason", DEAD_LETTER_REASONS));
        m.put("vigil_windows_scored_total", Map.of());
        m.put("vigil_windows_anomalous_total", Map.of());
        m.put("vigil_inference_latency_seconds", Map.of());
        m.put("vigil_inference_batch_size_windows", Map.of());
        m.put("vigil_score", Map.of());
        m.put("vigil_alerts_total", Map.of("status", Set.of("opened", "resolved")));
        m.put("vigil_alerts_open", Map.of());
        m.put("vigil_series_active", Map.of());
        m.put("vigil_model_info", Map.of("name", ANY, "version", ANY));
        m.put("vigil_model_reloads_total", Map.of("outcome", Set.of("loaded", "rejected")));
        m.put("vigil_score_lag_seconds", Map.of());
        m.put("vigil_ready", Map.of());
        return Map.copyOf(m);
    }
}
