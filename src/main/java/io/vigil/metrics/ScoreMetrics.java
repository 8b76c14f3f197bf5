package io.vigil.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Scores and alert events: windows scored and anomalous, the score distribution on fixed buckets, the
 * lag from a window's end (event time) to its score (wall clock), and alerts opened and resolved.
 *
 * <p>{@code vigil.score} is a Prometheus client histogram registered beside the Micrometer meters, not a
 * Micrometer {@code DistributionSummary}: a summary's histogram rounds every value up to a whole number
 * (micrometer#2341), so every score in [0, 1] would land in the {@code le="1.0"} bucket. It is scraped
 * with the rest as {@code vigil_score_bucket/_count/_sum}.
 */
final class ScoreMetrics implements MeterBinder {
    /** Bucket bounds of {@code vigil.score}: fine near 1, where thresholds live. */
    static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0};
    /** Histogram range of the score lag; replayed history lands in the +Inf bucket. */
    static final Duration LAG_MIN = Duration.ofMillis(10);
    static final Duration LAG_MAX = Duration.ofHours(1);

    private final PrometheusRegistry prometheus;
    private Clock clock;
    private Counter scored;
    private Counter anomalous;
    private Histogram score;
    private Timer lag;
    private Counter opened;
    private Counter resolved;

    ScoreMetrics(PrometheusRegistry prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        clock = registry.config().clock();
        scored = Counter.builder("vigil.windows.scored").description("Windows scored").register(registry);
        anomalous = Counter.builder("vigil.windows.anomalous")
                .description("Windows scored above the threshold").register(registry);
        score = Histogram.builder()
                .name("vigil_score")
                .help("Calibrated window scores, in [0, 1]")
                .classicOnly()
                .withoutExemplars()
                .classicUpperBounds(SCORE_BUCKETS)
                .register(prometheus);
        lag = Timer.builder("vigil.score.lag")
                .description("Time from a window's end (event time) to its score being emitted (wall clock)")
                .publishPercentileHistogram()
                .minimumExpectedValue(LAG_MIN)
                .maximumExpectedValue(LAG_MAX)
                .register(registry);
        opened = alerts(registry, "opened");
        resolved = alerts(registry, "resolved");
    }

    private static Counter alerts(MeterRegistry registry, String status) {
        return Counter.builder("vigil.alerts").description("Alert events, by status").tag("status", status).register(registry);
    }

    void windowScored(double value, boolean isAnomalous, long windowEnd) {
        scored.increment();
        if (isAnomalous) {
            anomalous.increment();
        }
        score.observe(value);
        long lagMs = clock.wallTime() - windowEnd;
        if (lagMs >= 0) { // a window ending in the future (clock skew) has no meaningful lag
            lag.record(lagMs, TimeUnit.MILLISECONDS);
        }
    }

    void alert(String status) {
        switch (status) {
            case "OPEN" -> opened.increment();
            case "RESOLVED" -> resolved.increment();
            default -> { } // a closed set: an unknown status would be a bug, not a new tag value
        }
    }
}
