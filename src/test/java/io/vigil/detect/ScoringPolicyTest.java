package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each calibration through the one policy the stream, evaluate and the NAB harness share. */
class ScoringPolicyTest {
    static final ErrorDistribution VALIDATION = SpotTest.validation(SpotTest.lomax(new Random(1), 5_000, 3));

    static ScoringPolicy policy(Calibration c) {
        CalibrationSettings settings = CalibrationSettings.of(c);
        DetectorConfig config = new DetectorConfig(settings.defaultThreshold(0.99), 3, 3, 0.9999, 1);
        return ScoringPolicy.of(settings, config, VALIDATION, List.of("value"), null);
    }

    static WindowError window(double error) {
        return new WindowError(error, new double[] {error}, new double[] {0});
    }

    @ParameterizedTest
    @EnumSource(Calibration.class)
    void statefulMethodsHandBackTheirStateAndStatelessOnesNone(Calibration c) {
        ScoringPolicy p = policy(c);
        ScoringPolicy.Result r = p.decide("s", 0, window(0.5), AlertState.initial(), null);
        assertEquals(c.stateful(), r.state() != null);
        assertEquals(c.stateful(), p.stateful());
        assertEquals(c.wireName(), p.calibrationName());
        assertTrue(r.decision().score() >= 0 && r.decision().score() <= 1);
    }

    @Test
    void aStateOfAnotherMethodIsIgnored() {
        ScoringPolicy likelihood = policy(Calibration.STREAMING_LIKELIHOOD);
        Spot.State foreign = new Spot(Spot.DEFAULT_RISK, VALIDATION).initial();
        ScoringPolicy.Result fresh = likelihood.decide("s", 0, window(0.5), AlertState.initial(), null);
        ScoringPolicy.Result ignored = likelihood.decide("s", 0, window(0.5), AlertState.initial(), foreign);
        assertEquals(fresh.state(), ignored.state());
        assertInstanceOf(StreamingLikelihood.State.class, ignored.state());
    }

    /** The likelihood the policy builds weighs a new window 1/{@value ScoringPolicy#LIKELIHOOD_HISTORY} once that many have passed. */
    @Test
    void theLikelihoodForgetsAtItsHorizon() {
        ScoringPolicy likelihood = policy(Calibration.STREAMING_LIKELIHOOD);
        CalibrationState state = null;
        for (int i = 0; i < ScoringPolicy.LIKELIHOOD_HISTORY + 500; i++) {
            state = likelihood.decide("s", i, window(i % 2 == 0 ? 0.9 : 1.1), AlertState.initial(), state).state();
        }
        StreamingLikelihood.Moments before = ((StreamingLikelihood.State) state).signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        state = likelihood.decide("s", 0, window(1.5), AlertState.initial(), state).state();
        StreamingLikelihood.Moments after = ((StreamingLikelihood.State) state).signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        assertEquals((1.5 - before.mean()) / 2000, after.mean() - before.mean(), 1e-12);
    }

    /** With the default threshold 1 − spot.risk, a window is anomalous exactly when its error passes SPOT's z_q. */
    @Test
    void spotDecidesAtItsOwnThreshold() {
        ScoringPolicy spot = policy(Calibration.SPOT);
        Spot reference = new Spot(Spot.DEFAULT_RISK, VALIDATION);
        double z = reference.alarmThreshold(reference.initial());
        assertFalse(spot.decide("s", 0, window(0.98 * z), AlertState.initial(), null).decision().anomalous());
        assertTrue(spot.decide("s", 0, window(1.02 * z), AlertState.initial(), null).decision().anomalous());
    }

    @Test
    void mahalanobisScoresTheFeatureErrorVector() {
        ScoringPolicy m = policy(Calibration.MAHALANOBIS);
        double far = VALIDATION.featureMean()[0] + 10 * Math.sqrt(VALIDATION.featureCovariance()[0][0]);
        assertTrue(m.decide("s", 0, window(far), AlertState.initial(), null).decision().anomalous());
        assertNull(m.decide("s", 0, window(far), AlertState.initial(), null).state());
    }

    @Test
    void defaultThresholdsFollowTheMethod() {
        assertEquals(0.97, CalibrationSettings.of(Calibration.VALIDATION_QUANTILE).defaultThreshold(0.97));
        assertEquals(CalibrationSettings.MAHALANOBIS_THRESHOLD, CalibrationSettings.of(Calibration.MAHALANOBIS).defaultThreshold(0.97));
        assertEquals(CalibrationSettings.LIKELIHOOD_THRESHOLD,
                CalibrationSettings.of(Calibration.STREAMING_LIKELIHOOD).defaultThreshold(0.97));
        assertEquals(1 - 1e-3, new CalibrationSettings(Calibration.SPOT, 1e-3).defaultThreshold(0.97));
    }

    @Test
    void onlyTheLikelihoodUsesTheDailyBaselineAndItCanBeSwitchedOff() {
        for (Calibration c : Calibration.values()) {
            ScoringPolicy p = ScoringPolicy.of(CalibrationSettings.of(c), DetectorConfig.defaults(), VALIDATION, List.of("x"), null);
            assertEquals(c == Calibration.STREAMING_LIKELIHOOD, p.usesDailyBaseline(), c.wireName());
        }
        ScoringPolicy off = ScoringPolicy.of(new CalibrationSettings(Calibration.STREAMING_LIKELIHOOD, 1e-4, false),
                DetectorConfig.defaults(), VALIDATION, List.of("x"), null);
        assertFalse(off.usesDailyBaseline());
        assertNull(off.decide("s", 0, window(0.5), AlertState.initial(), null, DailyBaseline.Slot.EMPTY).slot(),
                "a caller's slot is ignored too");
    }

    @Test
    void badSettingsNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationSettings(Calibration.SPOT, 0.5));
        assertTrue(e.getMessage().startsWith("spot.risk"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Calibration.parse("median"));
        assertTrue(unknown.getMessage().contains("validation-quantile, mahalanobis, streaming-likelihood, spot"), unknown.getMessage());
        assertEquals(Calibration.SPOT, Calibration.parse(" SPOT "));
    }
}
