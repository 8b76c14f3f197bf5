package io.vigil.metrics;

import java.util.List;

/** The metric contract's Prometheus names (README, "Metrics"), which dashboards and alert rules use. */
final class MetricsContract {
    /** One series name per contract row that must appear in every scrape. */
    static final List<String> SERIES = List.of(
            "vigil_records_in_total",
            "vigil_dead_letters_total",
            "vigil_windows_scored_total",
            "vigil_windows_anomalous_total",
            "vigil_inference_latency_seconds_bucket", "vigil_inference_latency_seconds_count",
            "vigil_inference_latency_seconds_sum", "vigil_inference_latency_seconds_max",
            "vigil_inference_batch_size_windows_bucket", "vigil_inference_batch_size_windows_count",
            "vigil_inference_batch_size_windows_sum", "vigil_inference_batch_size_windows_max",
            "vigil_score_bucket", "vigil_score_count", "vigil_score_sum",
            "vigil_alerts_total",
            "vigil_alerts_open",
            "vigil_series_active",
            "vigil_model_info",
            "vigil_model_reloads_total",
            "vigil_score_lag_seconds_bucket", "vigil_score_lag_seconds_count",
            "vigil_score_lag_seconds_sum", "vigil_score_lag_seconds_max",
            "vigil_ready");

    /** A few of the JVM metrics the contract names. */
    static final List<String> JVM = List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
            "process_cpu_usage", "jvm_classes_loaded_classes", "process_uptime_seconds");

    private MetricsContract() {
    }
}
