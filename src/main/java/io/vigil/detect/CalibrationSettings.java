package io.vigil.detect;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The calibration method and its parameters, as configured; each a config key with a documented default.
 *
 * @param method   key {@code calibration} (default {@code validation-quantile}): see {@link Calibration}
 * @param spotRisk key {@code spot.risk} (default {@value Spot#DEFAULT_RISK}): SPOT's risk {@code q}, the
 *                 probability that a normal window's error passes the SPOT threshold; in
 *                 (0, 1 − {@value Spot#INITIAL_LEVEL}), used only by {@code spot}
 * @param dailyBaseline key {@code likelihood.daily.baseline} (default true): whether {@code streaming-likelihood}
 *                 judges each window against the same half hour on the previous days ({@link DailyBaseline}); off, an
 *                 anomaly that recurs at the same time every day keeps scoring high each day instead of on its first
 * @param dailyZone key {@code likelihood.daily.zone} (default {@code UTC}): the time zone whose local time of day and
 *                 date cut the daily baseline's slots and days ({@link DailyClock}), so that a routine that follows local
 *                 time keeps its slot across daylight-saving changes
 */
public record CalibrationSettings(Calibration method, double spotRisk, boolean dailyBaseline, ZoneId dailyZone) {
    public static final String KEY_CALIBRATION = "calibration";
    public static final String KEY_SPOT_RISK = "spot.risk";
    public static final String KEY_DAILY_BASELINE = "likelihood.daily.baseline";
    public static final String KEY_DAILY_ZONE = "likelihood.daily.zone";
    public static final ZoneId DEFAULT_DAILY_ZONE = ZoneId.of("UTC");
    /** What {@link #KEY_DAILY_ZONE} takes, for error messages. */
    public static final String DAILY_ZONE_EXPECTED = "a time zone id such as UTC, Europe/Berlin, America/New_York or Asia/Kolkata";
    /**
     * Default threshold of {@code streaming-likelihood}: 1 − exp(−L/10) = 0.9 at L = 23 decades, a tail probability of
     * about 1e-23 (ten standard deviations).
     */
    public static final double LIKELIHOOD_THRESHOLD = 0.9;
    /** Default threshold of {@code mahalanobis}: one normal window in a thousand if the errors were Gaussian. */
    public static final double MAHALANOBIS_THRESHOLD = 0.999;

    public CalibrationSettings {
        Objects.requireNonNull(method, KEY_CALIBRATION);
        Objects.requireNonNull(dailyZone, KEY_DAILY_ZONE);
        if (!(spotRisk > 0 && spotRisk < 1 - Spot.INITIAL_LEVEL)) {
            throw new IllegalArgumentException(KEY_SPOT_RISK + " must be in (0, " + (float) (1 - Spot.INITIAL_LEVEL)
                    + "), below the share of validation errors over SPOT's initial threshold; got " + spotRisk);
        }
    }

    /** With the daily baseline's slots in UTC (its default). */
    public CalibrationSettings(Calibration method, double spotRisk, boolean dailyBaseline) {
        this(method, spotRisk, dailyBaseline, DEFAULT_DAILY_ZONE);
    }

    /** With the daily baseline on, in UTC (its defaults). */
    public CalibrationSettings(Calibration method, double spotRisk) {
        this(method, spotRisk, true);
    }

    /**
     * The zone named by {@code text} (surrounding blanks ignored), as key {@link #KEY_DAILY_ZONE} takes it: a region id
     * ({@code Europe/Berlin}), {@code UTC}, or a fixed offset ({@code +05:30}).
     *
     * @throws IllegalArgumentException naming the key and the value when {@code text} is no zone
     */
    public static ZoneId parseDailyZone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(KEY_DAILY_ZONE + " = \"" + text + "\": not a time zone; expected "
                    + DAILY_ZONE_EXPECTED);
        }
    }

    /** The method with the default {@code spot.risk} and the daily baseline on. */
    public static CalibrationSettings of(Calibration method) {
        return new CalibrationSettings(method, Spot.DEFAULT_RISK);
    }

    /**
     * The threshold used when key {@code threshold} is empty: the model's own for {@code validation-quantile},
     * {@value #MAHALANOBIS_THRESHOLD} for {@code mahalanobis}, {@value #LIKELIHOOD_THRESHOLD} for
     * {@code streaming-likelihood}, and {@code 1 − spot.risk} for {@code spot}, SPOT's own threshold.
     */
    public double defaultThreshold(double modelThreshold) {
        return switch (method) {
            case VALIDATION_QUANTILE -> modelThreshold;
            case MAHALANOBIS -> MAHALANOBIS_THRESHOLD;
            case STREAMING_LIKELIHOOD -> LIKELIHOOD_THRESHOLD;
            case SPOT -> 1 - spotRisk;
        };
    }
}
