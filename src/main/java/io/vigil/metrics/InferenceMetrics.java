package io.vigil.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Model calls: {@code vigil.inference.latency} (one batched TensorFlow call) and
 * {@code vigil.inference.batch.size} (windows per call), both as Prometheus histograms.
 */
final class InferenceMetrics implements MeterBinder {
    /** Histogram range of one model call. */
    static final Duration LATENCY_MIN = Duration.ofMillis(1);
    static final Duration LATENCY_MAX = Duration.ofSeconds(10);
    /** The largest batch {@code batch.max} allows. */
    static final double BATCH_MAX = 65_536;

    private Timer latency;
    private DistributionSummary batchSize;

    @Override
    public void bindTo(MeterRegistry registry) {
        latency = Timer.builder("vigil.inference.latency")
                .description("Duration of one batched model call")
                .publishPercentileHistogram()
                .minimumExpectedValue(LATENCY_MIN)
                .maximumExpectedValue(LATENCY_MAX)
                .register(registry);
        batchSize = DistributionSummary.builder("vigil.inference.batch.size")
                .description("Windows scored in one model call")
                .baseUnit("windows")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(BATCH_MAX)
                .register(registry);
    }

    void batchScored(int windows, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(windows);
    }
}
