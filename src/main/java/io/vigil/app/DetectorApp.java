package io.vigil.app;

import io.vigil.config.VigilConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.stream.DetectorTopology;
import io.vigil.stream.ModelHolder;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.stream.StreamSettings;
import io.vigil.stream.TopicCreator;
import io.vigil.stream.WindowSettings;
import io.vigil.telemetry.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running detector: loads and warms up the model, creates missing topics, builds the topology and
 * starts Kafka Streams, then watches the model directory for new versions. {@link #close()} stops the
 * watcher, then the streams (committing what was processed), then the model: the reverse of opening.
 */
public final class DetectorApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorApp.class);
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ModelHolder models;
    private final KafkaStreams streams;
    private final ModelWatcher watcher;
    private final CloseOptions closeOptions;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile Throwable fatal;
    private volatile boolean closed;

    private DetectorApp(ModelHolder models, KafkaStreams streams, ModelWatcher watcher, CloseOptions closeOptions) {
        this.models = models;
        this.streams = streams;
        this.watcher = watcher;
        this.closeOptions = closeOptions;
    }

    public static DetectorApp start(VigilConfig config, StreamListener listener, ModelWatcher.Listener reloads) {
        return start(config, listener, reloads, LoadedModel.ScorerOpener.SAVED_MODEL);
    }

    /** Starts with the model's scorer opened by {@code opener} ({@code vigil bench} measures a pass-through). */
    public static DetectorApp start(VigilConfig config, StreamListener listener, ModelWatcher.Listener reloads,
                                    LoadedModel.ScorerOpener opener) {
        LoadedModel model = LoadedModel.load(config.modelDir(), config.modelVersion().orElse(null), opener);
        ModelHolder holder = new ModelHolder(model, config.calibration(),
                meta -> config.detector(config.calibration().defaultThreshold(meta.calibration().threshold())));
        try {
            ModelMetadata meta = model.metadata();
            LOG.info("model {} {} loaded from {} ({} features, window {})", meta.name(), meta.version(), model.dir(),
                    meta.features().size(), meta.window());
            StreamSettings settings = settings(config, meta);
            if (config.topicCreate()) {
                List<String> topics = new ArrayList<>(List.of(config.topicInput(), config.topicScores(), config.topicAlerts(),
                        config.topicDeadLetter()));
                config.topicEmbeddings().ifPresent(topics::add);
                TopicCreator.ensure(config.kafkaProperties(), topics, config.topicPartitions(), config.topicReplication(), ADMIN_TIMEOUT);
            }
            KafkaStreams streams = new KafkaStreams(DetectorTopology.build(settings, holder, listener), config.streamsProperties());
            ModelWatcher watcher = new ModelWatcher(config.modelDir(), config.modelVersion().orElse(null), model.dir(), holder, reloads);
            DetectorApp app = new DetectorApp(holder, streams, watcher, closeOptions(config.kafkaProperties()));
            streams.setStateListener((now, before) -> {
                LOG.info("stream state {} -> {}", before, now);
                if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                    app.stopped.countDown();
                }
            });
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed, shutting the detector down: {}", e.toString(), e);
                app.fatal = e;
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            watcher.start(config.modelPollInterval());
            return app;
        } catch (RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /** The topology's settings: the config's, with the model's gap and sampling interval as defaults. */
    static StreamSettings settings(VigilConfig config, ModelMetadata meta) {
        ModelMetadata.requireTimeSeries(meta, "run");
        Duration maxGap = config.maxGap().orElse(Durations.parse(meta.training().maxGap()));
        WindowSettings windows = WindowSettings.of(meta, config.windowHop(), config.grace(), maxGap, config.gapPolicy());
        return new StreamSettings(config.topicInput(), config.topicScores(), config.topicAlerts(), config.topicDeadLetter(),
                config.topicEmbeddings(), windows, config.batchMax(), config.batchLinger(), config.recordMaxBytes(),
                config.dlqMaxValueBytes(), config.seriesIdleTtl());
    }

    /**
     * How the streams leave on {@link #close()}. Kafka Streams by default stays in the consumer group
     * when it closes, so its partitions wait for {@code session.timeout.ms} (45 s) before another
     * instance gets them. That only pays with static membership ({@code group.instance.id}), where a
     * restart within the time-out takes them back without any rebalance; a dynamic member comes back
     * under a new member id anyway, so it leaves at once and its partitions move straight away.
     */
    static CloseOptions closeOptions(Map<String, Object> kafka) {
        boolean staticMember = kafka.keySet().stream().anyMatch(k -> k.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        return CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    /** Blocks until the streams stop (closed, or failed). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ModelHolder models() {
        return models;
    }

    /**
     * Why the detector cannot score right now, or empty when it can: Kafka Streams is RUNNING (not
     * restoring or rebalancing) and the model, loaded and warmed up at start, has not been closed.
     */
    public Optional<String> notReadyReason() {
        if (closed) {
            return Optional.of("the detector is shutting down");
        }
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? Optional.empty()
                : Optional.of("Kafka Streams is " + state + ", not RUNNING");
    }

    /** Why the stream stopped on its own, if it did. */
    public Throwable fatalError() {
        return fatal;
    }

    public Map<String, ?> describe() {
        return Map.of("state", streams.state().toString());
    }

    @Override
    public void close() {
        closed = true;
        stopped.countDown();
        watcher.close();
        streams.close(closeOptions);
        models.close();
    }
}
