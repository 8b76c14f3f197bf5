package io.vigil.stream;

import io.vigil.detect.AlertState;
import io.vigil.detect.AlertStateMapper;
import io.vigil.detect.Decision;
import io.vigil.detect.CalibrationState;
import io.vigil.detect.CalibrationStateMapper;
import io.vigil.detect.DailyBaseline;
import io.vigil.detect.DailyBaselineMapper;
import io.vigil.detect.ScoringPolicy;
import io.vigil.detect.WindowError;
import io.vigil.telemetry.DeadLetter;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.Timestamps;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.ReasonCode;
import io.vigil.telemetry.TelemetryParser;
import io.vigil.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Vigil's one stateful step: parse and validate a telemetry record (bad ones to the dead-letter sink
 * with a reason), place it in its series' window, and when a window is due, queue it for scoring in its
 * stream thread's {@link ThreadBatch}. Queued windows are scored in batches — when {@code batch.max} are
 * waiting on the thread or the oldest has waited {@code batch.linger.ms} — and each result comes back here
 * and goes through the detector to the scores, alerts and embeddings sinks. A queued window is also in the
 * pending store until its score is emitted, so a crash cannot lose it.
 */
final class DetectorProcessor implements Processor<byte[], byte[], byte[], byte[]>, ThreadBatch.Owner {
    /** How often a task reports its series and open-alert counts to the listener (metrics gauges). */
    static final Duration GAUGE_INTERVAL = Duration.ofSeconds(5);

    private final StreamSettings settings;
    private final ModelHolder models;
    private final TelemetryParser parser;
    private final StreamListener listener;
    private final AlertStateMapper alertMapper = new AlertStateMapper();
    private final ThreadLocal<ThreadBatch> batches;
    private final long lingerMs;
    /** Windows restored from the pending store at init, queued at this task's first turn on its thread. */
    private final List<PendingWindow> restored = new ArrayList<>();
    /** This task's scored windows, waiting for its next turn to be emitted. */
    private final List<ThreadBatch.Result> ready = new ArrayList<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, SeriesWindow> windows;
    private KeyValueStore<String, PendingWindow> pending;
    private KeyValueStore<String, byte[]> alerts;
    private KeyValueStore<String, byte[]> calibrationStates;
    private KeyValueStore<String, byte[]> dailyBaselines;
    // Live counts for the gauges: counted from the restored stores at init, then kept up to date, so they
    // survive restarts and rebalances; only this task's thread touches them.
    private String task;
    private long activeSeries;
    private long openAlerts;

    DetectorProcessor(StreamSettings settings, ModelHolder models, TelemetryParser parser, StreamListener listener,
                      ThreadLocal<ThreadBatch> batches) {
        this.settings = settings;
        this.models = models;
        this.parser = parser;
        this.listener = listener;
        this.batches = batches;
        this.lingerMs = settings.batchLinger().toMillis();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.windows = context.getStateStore(DetectorTopology.WINDOW_STORE);
        this.pending = context.getStateStore(DetectorTopology.PENDING_STORE);
        this.alerts = context.getStateStore(DetectorTopology.ALERT_STORE);
        this.calibrationStates = context.getStateStore(DetectorTopology.LIKELIHOOD_STORE);
        this.dailyBaselines = context.getStateStore(DetectorTopology.DAILY_BASELINE_STORE);
        // Windows queued before a crash or a rebalance were restored with the store: score them first.
        try (KeyValueIterator<String, PendingWindow> it = pending.all()) {
            it.forEachRemaining(kv -> restored.add(kv.value));
        }
        Duration linger = settings.batchLinger().isZero() ? Duration.ofMillis(1) : settings.batchLinger();
        context.schedule(linger, PunctuationType.WALL_CLOCK_TIME, now -> lingered());
        Duration sweep = settings.seriesIdleTtl().dividedBy(10);
        context.schedule(sweep.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : sweep,
                PunctuationType.WALL_CLOCK_TIME, this::expireIdleSeries);
        countLiveState();
        context.schedule(GAUGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> reportGauges());
    }

    private void countLiveState() {
        task = context.taskId().toString();
        try (KeyValueIterator<String, SeriesWindow> it = windows.all()) {
            it.forEachRemaining(kv -> activeSeries++);
        }
        try (KeyValueIterator<String, byte[]> it = alerts.all()) {
            it.forEachRemaining(kv -> openAlerts += alertMapper.fromBytes(kv.value).hasOpenAlert() ? 1 : 0);
        }
        reportGauges();
    }

    private void reportGauges() {
        listener.taskGauges(task, activeSeries, openAlerts);
    }

    @Override
    public void close() {
        // Queued and scored-but-unemitted windows stay in the pending store for this task's next owner.
        batches.get().removeAll(this);
        ready.clear();
        if (task != null) {
            listener.taskClosed(task);
        }
    }

    @Override
    public void scored(ThreadBatch.Result result) {
        ready.add(result);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> record) {
        ThreadBatch batch = batch();
        accept(record, batch);
        if (batch.size() >= settings.batchMax()) {
            batch.score(models);
        }
        emitReady();
    }

    /** This thread's batch, with any windows this task restored queued first. */
    private ThreadBatch batch() {
        ThreadBatch batch = batches.get();
        if (!restored.isEmpty()) {
            long now = context.currentSystemTimeMs();
            restored.forEach(p -> batch.add(this, p, now));
            restored.clear();
        }
        return batch;
    }

    /** The linger punctuation: scores the thread's batch once its oldest window has waited long enough. */
    private void lingered() {
        ThreadBatch batch = batch();
        if (batch.due(context.currentSystemTimeMs(), lingerMs)) {
            batch.score(models);
        }
        emitReady();
    }

    private void accept(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> record, ThreadBatch batch) {
        ParseResult parsed = parser.parse(record.key(), record.value());
        if (parsed instanceof ParseResult.Rejected rejected) {
            deadLetter(record, rejected.reason(), rejected.detail());
            return;
        }
        TelemetryRecord t = ((ParseResult.Ok) parsed).record();
        SeriesWindow w = windows.get(t.series());
        if (w == null) {
            w = new SeriesWindow(settings.windows().window(), settings.windows().features(), settings.windows().initialValues());
            activeSeries++;
        }
        w.lastSeenWallClock = context.currentSystemTimeMs();
        SeriesWindow.Outcome outcome = w.offer(t.timestamp(), t.values(), settings.windows());
        switch (outcome) {
            case LATE -> {
                windows.put(t.series(), w);
                deadLetter(record, ReasonCode.LATE, "timestamp " + Timestamps.format(t.timestamp())
                        + " is older than the series' window allows (newest " + Timestamps.format(w.newest) + ", grace "
                        + Durations.format(settings.windows().grace()) + ")");
                return;
            }
            case DUPLICATE -> {
                windows.put(t.series(), w);
                deadLetter(record, ReasonCode.DUPLICATE, "timestamp " + Timestamps.format(t.timestamp())
                        + " is already in the series' window");
                return;
            }
            case ACCEPTED -> listener.recordWindowed(t.unknownFeatures());
            default -> throw new IllegalStateException("unhandled outcome " + outcome);
        }
        if (w.takeDue(settings.windows().hop())) {
            PendingWindow p = w.pending(t.series());
            pending.put(p.key(), p);
            batch.add(this, p, context.currentSystemTimeMs());
        }
        windows.put(t.series(), w);
    }

    /** Scores everything queued on this thread now and emits this task's results (tests and shutdown paths). */
    void flush() {
        batch().score(models);
        emitReady();
    }

    /** Emits this task's scored windows, in the order they were queued. */
    private void emitReady() {
        if (ready.isEmpty()) {
            return;
        }
        // Outputs carry the time they were produced, not the window's event time: replayed history with old
        // timestamps would otherwise fall straight out of the topics' time-based retention.
        long now = context.currentSystemTimeMs();
        for (ThreadBatch.Result r : ready) {
            ActiveModel active = r.model();
            Messages.ModelRef model = Messages.ModelRef.of(active.metadata());
            List<String> features = active.metadata().features();
            PendingWindow p = r.window();
            WindowError error = r.error();
            AlertState state = alertState(p.series());
            ScoringPolicy policy = active.policy();
            String slotKey = policy.usesDailyBaseline()
                    ? DetectorTopology.dailyBaselineKey(p.series(), policy.dailySlotOf(p.end())) : null;
            ScoringPolicy.Result result = policy.decide(p.series(), p.end(), error, state, calibrationState(active, p.series()),
                    slotKey == null ? null : dailySlot(slotKey));
            Decision d = result.decision();
            if (result.state() != null) {
                calibrationStates.put(p.series(), CalibrationStateMapper.toBytes(result.state()));
            }
            if (slotKey != null && result.slot() != null) {
                dailyBaselines.put(slotKey, DailyBaselineMapper.toBytes(result.slot()));
            }
            alerts.put(p.series(), alertMapper.toBytes(d.next()));
            openAlerts += (d.next().hasOpenAlert() ? 1 : 0) - (state.hasOpenAlert() ? 1 : 0);
            byte[] key = p.series().getBytes(StandardCharsets.UTF_8);
            Messages.Score score = new Messages.Score(p.series(), p.start(), p.end(), model, error.error(),
                    Messages.byName(features, error.featureErrors()), d.score(), active.threshold(), d.anomalous(),
                    d.reason().wireName(), active.policy().calibrationName(), p.imputed());
            forward(DetectorTopology.SCORES_SINK, key, Messages.toJson(score), now);
            d.event().ifPresent(e -> {
                forward(DetectorTopology.ALERTS_SINK, key, Messages.toJson(Messages.Alert.of(e, model)), now);
                listener.alert(e.status());
            });
            if (settings.embeddingsTopic().isPresent()) {
                forward(DetectorTopology.EMBEDDINGS_SINK, key,
                        Messages.toJson(new Messages.Embedding(p.series(), p.end(), model, r.latent())), now);
            }
            listener.windowScored(d.score(), d.anomalous(), p.end());
            pending.delete(p.key());
        }
        ready.clear();
    }

    private CalibrationState calibrationState(ActiveModel active, String series) {
        if (!active.policy().stateful()) {
            return null;
        }
        byte[] bytes = calibrationStates.get(series);
        return bytes == null ? null : CalibrationStateMapper.fromBytes(bytes);
    }

    private DailyBaseline.Slot dailySlot(String slotKey) {
        byte[] bytes = dailyBaselines.get(slotKey);
        return bytes == null ? DailyBaseline.Slot.EMPTY : DailyBaselineMapper.fromBytes(bytes);
    }

    /** Deletes the series' daily-baseline slots, those it has (a range scan: no tombstones for slots never written). */
    private void deleteDailyBaseline(String series) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = dailyBaselines.range(DetectorTopology.dailyBaselineKey(series, 0),
                DetectorTopology.dailyBaselineKey(series, DailyBaseline.SLOTS_PER_DAY - 1))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(dailyBaselines::delete);
    }

    private AlertState alertState(String series) {
        byte[] bytes = alerts.get(series);
        return bytes == null ? AlertState.initial() : alertMapper.fromBytes(bytes);
    }

    private void forward(String sink, byte[] key, byte[] value, long timestamp) {
        context.forward(new org.apache.kafka.streams.processor.api.Record<>(key, value, timestamp), sink);
    }

    private void deadLetter(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> record, ReasonCode reason, String detail) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        byte[] envelope = DeadLetter.envelope(reason, detail, meta == null ? "" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(), record.timestamp(), record.key(), record.value(), settings.deadLetterMaxValueBytes());
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REASON_HEADER, reason.wireName().getBytes(StandardCharsets.UTF_8));
        context.forward(new org.apache.kafka.streams.processor.api.Record<>(record.key(), envelope, record.timestamp(), headers),
                DetectorTopology.DEAD_LETTER_SINK);
        listener.deadLettered(reason.wireName());
    }

    /** Forgets series idle for longer than {@code series.idle.ttl}: their window, alert, calibration and daily-baseline state. */
    private void expireIdleSeries(long now) {
        long cutoff = now - settings.seriesIdleTtl().toMillis();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, SeriesWindow> it = windows.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.lastSeenWallClock < cutoff) {
                    idle.add(kv.key);
                }
            });
        }
        for (String series : idle) {
            openAlerts -= alertState(series).hasOpenAlert() ? 1 : 0;
            activeSeries--;
            windows.delete(series);
            alerts.delete(series);
            calibrationStates.delete(series);
            deleteDailyBaseline(series);
        }
        if (!idle.isEmpty()) {
            listener.seriesExpired(idle.size());
            reportGauges();
        }
    }
}
