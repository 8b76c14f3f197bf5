package io.vigil.evaluate;

import io.vigil.config.DetectionSettings;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.registry.ModelMetadata;
import io.vigil.stream.WindowSettings;
import io.vigil.stream.WindowSettings.GapPolicy;
import io.vigil.telemetry.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The detection settings of an offline evaluation: {@code vigil run}'s own {@link DetectionSettings}, read from the
 * same properties file with the same {@code VIGIL_*} overrides and refused with the same messages, so an evaluation
 * predicts what the stream will do. Keys the evaluator has no use for (Kafka, topics, metrics) are neither needed nor
 * checked. Evaluate's own part is resolving them against the model: an empty {@code threshold} and {@code max.gap}
 * fall back to the model's. {@code gap.policy} and {@code window.hop} pick the windows scored, as in the stream.
 */
public record EvaluationSettings(DetectorConfig detector, Duration maxGap, String modelVersion, CalibrationSettings calibration,
                                 GapPolicy gapPolicy, int windowHop) {

    /** Settings that reset the window at a gap and score every full window (hop 1): the defaults of both keys. */
    public EvaluationSettings(DetectorConfig detector, Duration maxGap, String modelVersion, CalibrationSettings calibration) {
        this(detector, maxGap, modelVersion, calibration, GapPolicy.RESET, 1);
    }

    /**
     * The windows the stream keeps for a series of {@code model} under these settings. History is in time order, so no
     * point is out of order and the stream's {@code grace} plays no part.
     */
    public WindowSettings windows(ModelMetadata model) {
        return WindowSettings.of(model, windowHop, Duration.ZERO, maxGap, gapPolicy);
    }

    /**
     * The detection keys of {@code file} (null for none, leaving the defaults) with {@code VIGIL_*} overrides from
     * {@code env}, as {@code vigil run} reads them.
     *
     * @throws io.vigil.telemetry.InputException when the file is missing or unreadable, naming every bad value
     */
    public static DetectionSettings read(Path file, Map<String, String> env) {
        return file == null ? DetectionSettings.of(new Properties(), env) : DetectionSettings.load(file, env);
    }

    /** Settings from {@code props} alone (no environment) for {@code model}; bad values name their key. */
    public static EvaluationSettings resolve(Properties props, ModelMetadata model) {
        return resolve(DetectionSettings.of(props, Map.of()), model);
    }

    /**
     * {@code detection} resolved against {@code model}, as the stream resolves it when it loads that model: the
     * calibration's default threshold where {@code threshold} is empty, the model's gap where {@code max.gap} is.
     */
    public static EvaluationSettings resolve(DetectionSettings detection, ModelMetadata model) {
        ModelMetadata.requireTimeSeries(model, "evaluate");
        double modelThreshold = detection.calibration().defaultThreshold(
                model.calibration() != null ? model.calibration().threshold() : DetectorConfig.DEFAULT_THRESHOLD);
        Duration maxGap = detection.maxGap().orElseGet(() -> Durations.parse(model.training().maxGap()));
        return new EvaluationSettings(detection.detector(modelThreshold), maxGap, detection.modelVersion().orElse(""),
                detection.calibration(), detection.gapPolicy(), detection.windowHop());
    }
}
