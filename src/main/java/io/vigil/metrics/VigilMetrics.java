package io.vigil.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.app.DetectorApp;
import io.vigil.registry.ModelMetadata;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Vigil's meters in one Prometheus registry: records and dead letters, inference, scores and alerts,
 * the model, readiness, the JVM, and — once {@link #track(DetectorApp) tracking} a detector — Kafka
 * Streams' own metrics. Hand {@link #streamListener()} and {@link #modelListener()} to the detector,
 * serve {@link #scrape()} (see {@link MetricsServer}), and close it after the detector: the reverse
 * of opening. Names, types and tags are a contract with dashboards and alert rules: see the README.
 */
public final class VigilMetrics implements AutoCloseable {
    static final String NOT_STARTED = "starting: loading the model and creating topics";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ModelMetrics model = new ModelMetrics();
    private final StreamListener streamListener;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Runs the Kafka binder's refresh, which registers the meters of clients created since; null: Micrometer's own. */
    private final ScheduledExecutorService kafkaRefresh;
    private volatile Supplier<Optional<String>> readiness = () -> Optional.of(NOT_STARTED);
    private KafkaStreamsMetrics kafka;

    public VigilMetrics() {
        this(null);
    }

    /** With the Kafka binder's refresh on {@code kafkaRefresh}, which the caller owns (null: Micrometer's own thread). */
    VigilMetrics(ScheduledExecutorService kafkaRefresh) {
        this.kafkaRefresh = kafkaRefresh;
        RecordMetrics records = new RecordMetrics();
        InferenceMetrics inference = new InferenceMetrics();
        ScoreMetrics scores = new ScoreMetrics(registry.getPrometheusRegistry());
        StateMetrics state = new StateMetrics();
        records.bindTo(registry);
        inference.bindTo(registry);
        scores.bindTo(registry);
        state.bindTo(registry);
        model.bindTo(registry);
        Gauge.builder("vigil.ready", this, m -> m.isReady() ? 1 : 0)
                .description("1 when the detector is scoring: Kafka Streams RUNNING and the model loaded; else 0")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        streamListener = new MeteringListener(records, inference, scores, state);
    }

    /** For the stream threads: thread-safe and cheap. */
    public StreamListener streamListener() {
        return streamListener;
    }

    /** For the model watcher: counts reloads and moves {@code vigil.model.info} to the new version. */
    public ModelWatcher.Listener modelListener() {
        return model;
    }

    /** Sets {@code vigil.model.info} to this model (the one loaded at start). */
    public void modelLoaded(String name, String version) {
        model.current(name, version);
    }

    /**
     * Follows a started detector: its Kafka Streams metrics, its model, and its readiness. Until this is
     * called the detector is reported not ready ("starting").
     */
    public synchronized void track(DetectorApp app) {
        ModelMetadata meta = app.models().metadata();
        modelLoaded(meta.name(), meta.version());
        if (kafka != null) {
            kafka.close();
        }
        kafka = kafkaRefresh == null ? new KafkaStreamsMetrics(app.streams())
                : new KafkaStreamsMetrics(app.streams(), Tags.empty(), kafkaRefresh);
        kafka.bindTo(registry);
        readiness = app::notReadyReason;
    }

    public boolean isReady() {
        return notReadyReason().isEmpty();
    }

    /** Why the detector is not ready, in one line; empty when it is. */
    public Optional<String> notReadyReason() {
        return readiness.get();
    }

    /** The registry itself, for tests that listen to it. */
    MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        readiness = () -> Optional.of("stopped");
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        gc.close();
        registry.close();
    }
}
