package io.vigil.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the detector holds right now: {@code vigil.series.active} (series with a window) and
 * {@code vigil.alerts.open}, each the sum of the latest report of every task on this instance. Tasks
 * count from their restored stores, so both survive restarts; between a task's reports (every few
 * seconds) the gauges lag, and during a rebalance a task may be missing or, briefly, counted on two
 * instances.
 */
final class StateMetrics implements MeterBinder {
    private record Counts(long activeSeries, long openAlerts) {
    }

    private final Map<String, Counts> byTask = new ConcurrentHashMap<>();

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("vigil.series.active", this, m -> m.sum(Counts::activeSeries))
                .description("Series holding a window on this instance").register(registry);
        Gauge.builder("vigil.alerts.open", this, m -> m.sum(Counts::openAlerts))
                .description("Series with an open alert on this instance").register(registry);
    }

    private double sum(java.util.function.ToLongFunction<Counts> field) {
        return byTask.values().stream().mapToLong(field).sum();
    }

    void taskGauges(String task, long activeSeries, long openAlerts) {
        byTask.put(task, new Counts(activeSeries, openAlerts));
    }

    void taskClosed(String task) {
        byTask.remove(task);
    }
}
