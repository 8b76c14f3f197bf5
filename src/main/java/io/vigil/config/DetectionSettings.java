package io.vigil.config;

import static io.vigil.config.ConfigKeys.*;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.detect.Spot;
import io.vigil.detect.Suppression;
import io.vigil.registry.ModelDirectory;
import io.vigil.stream.WindowSettings.GapPolicy;
import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * The keys that decide which windows are scored and what a model's errors become — which model version, the
 * gap that cuts a window and what a window does at one, the hop between scored windows, the calibration,
 * the threshold and the alert rules — read once, by the same code, for {@code vigil run}
 * (as part of {@link VigilConfig}) and for {@code vigil evaluate} ({@link #load}, {@link #of}), so an
 * evaluation predicts the stream and a bad value gets the same message from both. Read on their own, the
 * Kafka, topic and metrics keys are neither needed nor checked: the model comes from the command line and
 * no broker is involved. Sources layer as in {@link VigilConfig}: defaults, the file, {@code VIGIL_*}.
 */
public final class DetectionSettings {
    private final List<String> warnings;
    private final Optional<String> modelVersion;
    private final Optional<Duration> maxGap;
    private final GapPolicy gapPolicy;
    private final int windowHop;
    private final CalibrationSettings calibration;
    private final Optional<Double> threshold;
    private final int alertOpenAfter;
    private final int alertCloseAfter;
    private final double alertCriticalThreshold;
    private final Setting alertCriticalSetting;
    private final int alertTopFeatures;
    private final int alertCooldown;
    private final int alertWarmup;
    private final double alertSuppressAbsolute;
    private final double alertSuppressRelative;
    private final Optional<Double> rangeGuardMargin;

    private DetectionSettings(SettingsReader r, List<String> warnings) {
        this.warnings = List.copyOf(warnings);
        modelVersion = r.optional(MODEL_VERSION).filter(v -> r.check(MODEL_VERSION, ModelDirectory.isVersionName(v),
                "a version such as 20261123T182628Z (yyyyMMdd'T'HHmmss'Z'), or empty for the newest"));
        maxGap = r.optionalDuration(MAX_GAP, false);
        gapPolicy = r.choice(GAP_POLICY, GapPolicy.class, GapPolicy.RESET);
        windowHop = r.integer(WINDOW_HOP, 1, Integer.MAX_VALUE);
        double spotRisk = r.decimal(SPOT_RISK, q -> q > 0 && q < 1 - Spot.INITIAL_LEVEL,
                "a probability in (0, " + (float) (1 - Spot.INITIAL_LEVEL) + "), such as 0.0001");
        calibration = new CalibrationSettings(calibration(r), Double.isNaN(spotRisk) ? Spot.DEFAULT_RISK : spotRisk,
                r.bool(LIKELIHOOD_DAILY_BASELINE), dailyZone(r));
        threshold = r.optionalDecimal(THRESHOLD, t -> t > 0 && t < 1,
                "a number between 0 and 1 exclusive, such as 0.99; empty for the model's calibration threshold");
        alertOpenAfter = r.integer(ALERT_OPEN_AFTER, 1, Integer.MAX_VALUE);
        alertCloseAfter = r.integer(ALERT_CLOSE_AFTER, 1, Integer.MAX_VALUE);
        alertCriticalThreshold = r.decimal(ALERT_CRITICAL_THRESHOLD, c -> c > 0 && c <= 1,
                "a number greater than 0 and at most 1, such as 0.999");
        alertCriticalSetting = r.setting(ALERT_CRITICAL_THRESHOLD);
        // Left at its default, the critical threshold follows the threshold instead (detector()).
        threshold.filter(t -> alertCriticalThreshold < t && !Setting.DEFAULT.equals(alertCriticalSetting.origin()))
                .ifPresent(t -> r.reject(ALERT_CRITICAL_THRESHOLD, "at least threshold (" + t + ", " + r.origin(THRESHOLD) + ")"));
        alertTopFeatures = r.integer(ALERT_TOP_FEATURES, 1, Integer.MAX_VALUE);
        alertCooldown = r.integer(ALERT_COOLDOWN, 0, Integer.MAX_VALUE);
        alertWarmup = r.integer(ALERT_WARMUP, 0, Integer.MAX_VALUE);
        alertSuppressAbsolute = r.decimal(ALERT_SUPPRESS_ABSOLUTE, a -> a >= 0 && !a.isInfinite(),
                "a distance of at least 0 in the features' units, such as 0.5; 0 = off");
        alertSuppressRelative = r.decimal(ALERT_SUPPRESS_RELATIVE, f -> f >= 0 && f <= 1,
                "a fraction of the observed value from 0 to 1, such as 0.05; 0 = off");
        rangeGuardMargin = r.optionalDecimal(RANGE_GUARD_MARGIN, m -> m >= 0 && !m.isInfinite(),
                "a fraction of the training range of at least 0, such as 0.1; empty = off");
    }

    /** The detection keys among settings {@link VigilConfig} reads; problems go to {@code reader}. */
    static DetectionSettings read(SettingsReader reader, List<String> warnings) {
        return new DetectionSettings(reader, warnings);
    }

    /**
     * Reads the detection keys of a properties file (UTF-8) with {@code VIGIL_*} overrides from {@code env}.
     *
     * @throws InputException when the file is missing or unreadable, or naming every bad value and the file
     */
    public static DetectionSettings load(Path file, Map<String, String> env) {
        return build(ConfigSources.readFile(file), file.getFileName().toString(), env);
    }

    /** The detection keys of properties already in memory (reported as coming from "properties"). */
    public static DetectionSettings of(Properties props, Map<String, String> env) {
        return build(props, ConfigSources.UNNAMED_SOURCE, env);
    }

    private static DetectionSettings build(Properties props, String sourceName, Map<String, String> env) {
        ConfigSources.Merged merged = ConfigSources.merge(props, sourceName, env);
        SettingsReader reader = new SettingsReader(merged.settings());
        DetectionSettings detection = new DetectionSettings(reader, merged.warnings());
        reader.throwIfInvalid();
        return detection;
    }

    /** Unknown keys in the file and {@code VIGIL_*} variables that match no key; each one line. */
    public List<String> warnings() {
        return warnings;
    }

    /** {@code model.version} (default empty = the newest): pins a version of a name directory. */
    public Optional<String> modelVersion() {
        return modelVersion;
    }

    /** {@code max.gap} (default empty = the model's): a longer pause between two points is a gap. */
    public Optional<Duration> maxGap() {
        return maxGap;
    }

    /** {@code gap.policy} (default {@code reset}): what a series' window does at a gap longer than {@code max.gap}. */
    public GapPolicy gapPolicy() {
        return gapPolicy;
    }

    /** {@code window.hop} (default 1, at least 1): new points between two scored windows of a series. */
    public int windowHop() {
        return windowHop;
    }

    /**
     * {@code calibration} (default {@code validation-quantile}): how errors become scores, see
     * {@link Calibration}; {@code spot.risk} (default 0.0001), SPOT's risk; {@code likelihood.daily.baseline}
     * (default true), the streaming likelihood's {@link io.vigil.detect.DailyBaseline}, and {@code likelihood.daily.zone}
     * (default UTC), the zone of its slots. With an empty {@code threshold},
     * {@link CalibrationSettings#defaultThreshold} replaces the model's quantile threshold for the other methods.
     */
    public CalibrationSettings calibration() {
        return calibration;
    }

    /** {@code threshold} (default empty = the model's calibration threshold), in (0, 1). */
    public Optional<Double> threshold() {
        return threshold;
    }

    /**
     * The alerting settings, with {@code modelThreshold} where {@code threshold} is empty.
     *
     * @throws InputException when {@code alert.critical.threshold}, set by the user, is below the model's threshold (left
     *                        at its default, it rises to {@code 1 − (1 − threshold) / 10} above a threshold over 0.999,
     *                        the model's or one set by {@code threshold})
     */
    public DetectorConfig detector(double modelThreshold) {
        double t = threshold.orElse(modelThreshold);
        boolean criticalDefaulted = Setting.DEFAULT.equals(alertCriticalSetting.origin());
        double critical = criticalDefaulted ? DetectorConfig.defaultCriticalThreshold(t) : alertCriticalThreshold;
        if (threshold.isEmpty() && critical < modelThreshold) {
            throw new InputException(ALERT_CRITICAL_THRESHOLD + " = \"" + alertCriticalSetting.value()
                    + "\" (" + alertCriticalSetting.origin() + "): expected at least the model's"
                    + " calibration threshold " + modelThreshold + "; raise it, or set " + THRESHOLD);
        }
        try {
            return new DetectorConfig(t, alertOpenAfter, alertCloseAfter, critical, alertTopFeatures,
                    alertCooldown, alertWarmup, new Suppression(alertSuppressAbsolute, alertSuppressRelative),
                    rangeGuardMargin.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
        } catch (IllegalArgumentException e) {
            throw new InputException("detector settings: " + e.getMessage(), e);
        }
    }

    private static Calibration calibration(SettingsReader r) {
        String text = r.required(CALIBRATION, "one of " + Calibration.names());
        if (text.isEmpty()) {
            return Calibration.VALIDATION_QUANTILE; // already reported, once
        }
        try {
            return Calibration.parse(text);
        } catch (IllegalArgumentException e) {
            r.reject(CALIBRATION, "one of " + Calibration.names());
            return Calibration.VALIDATION_QUANTILE;
        }
    }

    private static ZoneId dailyZone(SettingsReader r) {
        String text = r.required(LIKELIHOOD_DAILY_ZONE, CalibrationSettings.DAILY_ZONE_EXPECTED);
        try {
            return text.isEmpty() ? CalibrationSettings.DEFAULT_DAILY_ZONE : CalibrationSettings.parseDailyZone(text);
        } catch (IllegalArgumentException e) {
            r.reject(LIKELIHOOD_DAILY_ZONE, CalibrationSettings.DAILY_ZONE_EXPECTED);
            return CalibrationSettings.DEFAULT_DAILY_ZONE;
        }
    }
}
