package io.vigil.demo;

import java.util.Objects;

/**
 * Ground truth for one injected anomaly: on {@code host}, the generator steps {@code [startStep,
 * endStep)} are altered as {@code kind} says. Step {@code s} happens at {@code start + s × step} of
 * the generator's clock; {@link TelemetryGenerator#timeOf(long)} turns steps into timestamps.
 */
public record InjectedAnomaly(int hostIndex, String host, AnomalyKind kind, long startStep, long endStep) {
    public InjectedAnomaly {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        if (startStep < 0 || endStep <= startStep) {
            throw new IllegalArgumentException("an anomaly needs 0 <= start < end, got [" + startStep + ", " + endStep + ")");
        }
    }

    /** Whether step {@code step} is inside the anomaly. */
    public boolean covers(long step) {
        return step >= startStep && step < endStep;
    }

    public long steps() {
        return endStep - startStep;
    }
}
