package io.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.stream.ModelWatcher;

/**
 * The model: {@code vigil.model.info} (value 1, tagged with the current model's name and version; the
 * previous version's series is removed on a swap, so there is exactly one) and
 * {@code vigil.model.reloads} by outcome.
 */
final class ModelMetrics implements MeterBinder, ModelWatcher.Listener {
    private MeterRegistry registry;
    private Counter loaded;
    private Counter rejected;
    private Gauge info;
    private String name;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        loaded = reloads(registry, "loaded");
        rejected = reloads(registry, "rejected");
    }

    private static Counter reloads(MeterRegistry registry, String outcome) {
        return Counter.builder("vigil.model.reloads")
                .description("New model versions found while running, by outcome: swapped in, or rejected")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** The model now scoring. */
    synchronized void current(String modelName, String version) {
        name = modelName;
        if (info != null) {
            registry.remove(info);
        }
        info = Gauge.builder("vigil.model.info", () -> 1)
                .description("The model scoring now (always 1; its name and version are tags)")
                .tags("name", modelName, "version", version)
                .register(registry);
    }

    @Override
    public synchronized void reloaded(String version) {
        loaded.increment();
        current(name == null ? "" : name, version);
    }

    @Override
    public void rejected(String version, String reason) {
        rejected.increment();
    }
}
