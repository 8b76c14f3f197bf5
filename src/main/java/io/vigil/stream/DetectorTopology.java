package io.vigil.stream;

import io.vigil.telemetry.TelemetryParser;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the detector's topology: one source, one stateful processor, one sink per output topic. The
 * processor's five stores are changelogged: per-series windows, windows waiting to be scored, per-series
 * alert state, per-series calibration state, and the streaming likelihood's daily baseline (per series and
 * time-of-day slot). Tests drive this very builder.
 */
public final class DetectorTopology {
    public static final String SOURCE = "telemetry-source";
    public static final String PROCESSOR = "detector";
    public static final String SCORES_SINK = "scores-sink";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String EMBEDDINGS_SINK = "embeddings-sink";
    public static final String WINDOW_STORE = "series-windows";
    public static final String PENDING_STORE = "pending-windows";
    public static final String ALERT_STORE = "alert-state";
    public static final String LIKELIHOOD_STORE = "likelihood-state";
    public static final String DAILY_BASELINE_STORE = "daily-baseline";

    private DetectorTopology() {
    }

    public static Topology build(StreamSettings settings, ModelHolder models, StreamListener listener) {
        var meta = models.metadata();
        TelemetryParser parser = new TelemetryParser(meta.features(), settings.recordMaxBytes());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.inputTopic());
        // One batch per stream thread, shared by the thread's tasks: one model call however many partitions it has.
        ThreadLocal<ThreadBatch> batches = ThreadLocal.withInitial(
                () -> new ThreadBatch(settings.windows(), settings.embeddingsTopic().isPresent(), listener));
        topology.addProcessor(PROCESSOR, () -> new DetectorProcessor(settings, models, parser, listener, batches), SOURCE);
        topology.addStateStore(windowStore(), PROCESSOR);
        topology.addStateStore(pendingStore(), PROCESSOR);
        topology.addStateStore(alertStore(), PROCESSOR);
        topology.addStateStore(likelihoodStore(), PROCESSOR);
        topology.addStateStore(dailyBaselineStore(), PROCESSOR);
        ByteArraySerializer bytes = new ByteArraySerializer();
        topology.addSink(SCORES_SINK, settings.scoresTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(ALERTS_SINK, settings.alertsTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), bytes, bytes, PROCESSOR);
        settings.embeddingsTopic().ifPresent(t -> topology.addSink(EMBEDDINGS_SINK, t, bytes, bytes, PROCESSOR));
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, SeriesWindow>> windowStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), SeriesWindowMapper.serde())
                .withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, PendingWindow>> pendingStore() {
        // Caching folds a window's put and its delete (usually a few ms apart) before they reach the changelog.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), PendingWindow.serde())
                .withCachingEnabled();
    }

    /**
     * Per-series calibration state (streaming likelihood or SPOT, {@code CalibrationStateMapper}); empty for the
     * stateless calibrations. It keeps its first name, likelihood-state, so an upgrade finds its changelog.
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> likelihoodStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LIKELIHOOD_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /**
     * The streaming likelihood's {@link io.vigil.detect.DailyBaseline}: one slot per series and time of day
     * ({@link #dailyBaselineKey}, {@code DailyBaselineMapper}); empty for the other calibrations. A slot of its own per
     * key, rather than the day in the series' calibration state, so each window rewrites one small value.
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> dailyBaselineStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DAILY_BASELINE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /** The daily-baseline store's key of a series' slot: series, then the slot padded, so a series' slots sort together. */
    static String dailyBaselineKey(String series, int slot) {
        return series + '\u0000' + (slot < 10 ? "0" : "") + slot;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> alertStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
