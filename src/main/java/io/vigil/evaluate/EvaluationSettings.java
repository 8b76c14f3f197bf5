package io.vigil.evaluate;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.Spot;
import io.vigil.detect.DetectorConfig;
import io.vigil.detect.Suppression;
import io.vigil.registry.ModelMetadata;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * The detection settings offline evaluation shares with {@code vigil run}: the same keys read from the
 * same properties file, so an evaluation predicts what the stream will do. Keys the evaluator has no use
 * for (Kafka, topics) are ignored. Unset keys fall back to the model's own suggestion, then the defaults.
 */
public record EvaluationSettings(DetectorConfig detector, Duration maxGap, String modelVersion, CalibrationSettings calibration) {
    public static final String KEY_MAX_GAP = "max.gap";
    public static final String KEY_MODEL_VERSION = "model.version";
    public static final String KEY_CALIBRATION = CalibrationSettings.KEY_CALIBRATION;
    public static final String KEY_SPOT_RISK = CalibrationSettings.KEY_SPOT_RISK;

    /** Reads {@code file} (may be null for none). */
    public static Properties load(Path file) {
        Properties p = new Properties();
        if (file == null) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new InputException("--config " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("--config " + file + " cannot be read: " + e.getMessage());
        }
        return p;
    }

    /** Settings from {@code props} for {@code model}; bad values name their key. */
    public static EvaluationSettings resolve(Properties props, ModelMetadata model) {
        Calibration method;
        try {
            method = Calibration.parse(props.getProperty(KEY_CALIBRATION, Calibration.VALIDATION_QUANTILE.wireName()));
        } catch (IllegalArgumentException e) {
            throw new InputException("config: " + KEY_CALIBRATION + ": " + e.getMessage());
        }
        CalibrationSettings calibration;
        try {
            calibration = new CalibrationSettings(method, number(props, KEY_SPOT_RISK, Spot.DEFAULT_RISK),
                    bool(props, CalibrationSettings.KEY_DAILY_BASELINE, true), dailyZone(props));
        } catch (IllegalArgumentException e) {
            throw new InputException("config: " + e.getMessage());
        }
        double modelThreshold = calibration.defaultThreshold(
                model.calibration() != null ? model.calibration().threshold() : DetectorConfig.DEFAULT_THRESHOLD);
        double threshold = number(props, DetectorConfig.KEY_THRESHOLD, modelThreshold);
        double critical = number(props, DetectorConfig.KEY_CRITICAL_THRESHOLD, DetectorConfig.defaultCriticalThreshold(threshold));
        DetectorConfig detector;
        try {
            detector = new DetectorConfig(threshold,
                    (int) number(props, DetectorConfig.KEY_OPEN_AFTER, DetectorConfig.DEFAULT_OPEN_AFTER),
                    (int) number(props, DetectorConfig.KEY_CLOSE_AFTER, DetectorConfig.DEFAULT_CLOSE_AFTER),
                    critical,
                    (int) number(props, DetectorConfig.KEY_TOP_FEATURES, DetectorConfig.DEFAULT_TOP_FEATURES),
                    integer(props, DetectorConfig.KEY_COOLDOWN, DetectorConfig.DEFAULT_COOLDOWN),
                    integer(props, DetectorConfig.KEY_WARMUP, DetectorConfig.DEFAULT_WARMUP),
                    new Suppression(number(props, DetectorConfig.KEY_SUPPRESS_ABSOLUTE, 0),
                            number(props, DetectorConfig.KEY_SUPPRESS_RELATIVE, 0)),
                    optionalNumber(props, DetectorConfig.KEY_RANGE_GUARD_MARGIN));
        } catch (IllegalArgumentException e) {
            throw new InputException("config: " + e.getMessage());
        }
        ModelMetadata.requireTimeSeries(model, "evaluate");
        String gap = props.getProperty(KEY_MAX_GAP, "").trim();
        Duration maxGap;
        try {
            maxGap = Durations.parse(gap.isEmpty() ? model.training().maxGap() : gap);
        } catch (IllegalArgumentException e) {
            throw new InputException("config: " + KEY_MAX_GAP + " = \"" + gap + "\": " + e.getMessage());
        }
        return new EvaluationSettings(detector, maxGap, props.getProperty(KEY_MODEL_VERSION, "").trim(), calibration);
    }

    /** A whole number, or {@code fallback} when the key is unset or empty. */
    private static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("config: " + key + " = \"" + v + "\", expected a whole number");
        }
    }

    /** A number, or empty when the key is unset or empty. */
    private static OptionalDouble optionalNumber(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(number(p, key, Double.NaN));
    }

    /** Key {@code likelihood.daily.zone}, UTC when unset or empty; a bad zone throws, naming the key and value. */
    private static ZoneId dailyZone(Properties p) {
        String v = p.getProperty(CalibrationSettings.KEY_DAILY_ZONE);
        return v == null || v.isBlank() ? CalibrationSettings.DEFAULT_DAILY_ZONE : CalibrationSettings.parseDailyZone(v);
    }

    private static boolean bool(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new InputException("config: " + key + " = \"" + v + "\", expected true or false");
        }
        return t.equals("true");
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("config: " + key + " = \"" + v + "\", expected a number");
        }
    }
}
