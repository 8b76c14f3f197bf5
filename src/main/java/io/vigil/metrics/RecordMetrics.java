package io.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.telemetry.ReasonCode;
import java.util.HashMap;
import java.util.Map;

/**
 * Records in and dead letters: {@code vigil.records.in} by outcome and {@code vigil.dead.letters} by
 * reason. Every reason is registered up front at zero, so a rate alert on a reason works before its
 * first dead letter.
 */
final class RecordMetrics implements MeterBinder {
    private Counter windowed;
    private Counter deadLettered;
    private Map<String, Counter> byReason;

    @Override
    public void bindTo(MeterRegistry registry) {
        windowed = recordsIn(registry, "windowed");
        deadLettered = recordsIn(registry, "dead_lettered");
        Map<String, Counter> reasons = new HashMap<>();
        for (ReasonCode code : ReasonCode.values()) {
            reasons.put(code.wireName(), Counter.builder("vigil.dead.letters")
                    .description("Records sent to the dead-letter topic, by reason")
                    .tag("reason", code.wireName())
                    .register(registry));
        }
        byReason = Map.copyOf(reasons);
    }

    private static Counter recordsIn(MeterRegistry registry, String outcome) {
        return Counter.builder("vigil.records.in")
                .description("Telemetry records read, by outcome: placed in a series window, or dead-lettered")
                .tag("outcome", outcome)
                .register(registry);
    }

    void windowed() {
        windowed.increment();
    }

    void deadLettered(String reason) {
        deadLettered.increment();
        Counter c = byReason.get(reason);
        if (c != null) { // reasons are a closed set; an unknown one would be a bug, not a new tag value
            c.increment();
        }
    }
}
