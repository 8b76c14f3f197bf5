package io.vigil.train;

import java.time.Duration;

/**
 * Training and validation windows cut from a {@link History} by {@link Windowing#plan}, with the
 * statistics of the training rows (for normalisation) and the gap rule used: {@code maxGap} is
 * the largest step between consecutive rows a window may span, {@code samplingInterval} the median
 * step between consecutive rows over all series. {@code validation} is empty when the
 * validation fraction was 0.
 */
public record WindowPlan(WindowSet train, WindowSet validation, FeatureStats trainStats,
                         Duration maxGap, Duration samplingInterval) {
}
