package io.vigil.stream;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.detect.ScoringPolicy;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelException;
import io.vigil.registry.ModelMetadata;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the model every stream thread scores with, and swaps it without stopping the stream. Scoring
 * calls share a read lock; a swap takes the write lock, so it waits for batches in flight, and then
 * closes the old model. A replacement must take the same features in the same order and the same window
 * length, because the stores hold windows shaped for the model.
 */
public final class ModelHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Function<ModelMetadata, DetectorConfig> detectorConfig;
    private final CalibrationSettings calibration;
    private ActiveModel active;

    /** With the validation-quantile calibration. */
    public ModelHolder(LoadedModel initial, Function<ModelMetadata, DetectorConfig> detectorConfig) {
        this(initial, CalibrationSettings.of(Calibration.VALIDATION_QUANTILE), detectorConfig);
    }

    public ModelHolder(LoadedModel initial, CalibrationSettings calibration, Function<ModelMetadata, DetectorConfig> detectorConfig) {
        this.detectorConfig = detectorConfig;
        this.calibration = calibration;
        this.active = activate(initial);
    }

    public CalibrationSettings calibration() {
        return calibration;
    }

    /** Runs {@code use} with the current model; the model cannot be swapped or closed meanwhile. */
    public <T> T withModel(Function<ActiveModel, T> use) {
        lock.readLock().lock();
        try {
            if (active == null) {
                throw new IllegalStateException("the model holder is closed");
            }
            return use.apply(active);
        } finally {
            lock.readLock().unlock();
        }
    }

    public ModelMetadata metadata() {
        return withModel(ActiveModel::metadata);
    }

    /** The current model's alert threshold: key {@code threshold}, or the calibration's default for this model. */
    public double threshold() {
        return withModel(ActiveModel::threshold);
    }

    /** Swaps in {@code next} after checking it fits; closes {@code next} and throws if it does not. */
    public void swap(LoadedModel next) {
        ActiveModel replacement;
        try {
            checkCompatible(metadata(), next.metadata());
            replacement = activate(next);
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        ActiveModel old;
        lock.writeLock().lock();
        try {
            old = active;
            active = replacement;
        } finally {
            lock.writeLock().unlock();
        }
        if (old != null) {
            old.model().close();
        }
    }

    static void checkCompatible(ModelMetadata current, ModelMetadata next) {
        if (!current.features().equals(next.features())) {
            throw new ModelException("model " + next.name() + " " + next.version() + " takes features " + next.features()
                    + " but the running model takes " + current.features() + "; a new feature set needs a new application.id");
        }
        if (current.window() != next.window()) {
            throw new ModelException("model " + next.name() + " " + next.version() + " has window " + next.window()
                    + " but the running model has " + current.window() + "; a new window length needs a new application.id");
        }
    }

    private ActiveModel activate(LoadedModel model) {
        DetectorConfig config = detectorConfig.apply(model.metadata());
        ScoringPolicy policy = ScoringPolicy.of(calibration, config, model.metadata().validationErrors(), model.metadata().features(),
                model.metadata().trainingRanges());
        policy.detector().warnings().forEach(w -> LOG.warn("model {} {}: {}", model.metadata().name(), model.metadata().version(), w));
        return new ActiveModel(model, policy, config.threshold());
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (active != null) {
                active.model().close();
                active = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
