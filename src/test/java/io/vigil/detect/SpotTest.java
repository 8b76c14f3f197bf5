package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPOT on synthetic heavy tails: its threshold lands on the known quantile, and the score agrees with it. */
class SpotTest {
    static final double RISK = 1e-4;

    /** Errors of a "model" whose validation errors are {@code n} draws of Lomax(alpha): P(X > x) = (1 + x)^-alpha. */
    static double[] lomax(Random r, int n, double alpha) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(1 - r.nextDouble(), -1 / alpha) - 1;
        }
        return x;
    }

    static ErrorDistribution validation(double[] errors) {
        double[][] features = new double[errors.length][];
        for (int i = 0; i < errors.length; i++) {
            features[i] = new double[] {errors[i]};
        }
        return ErrorDistribution.of(errors, features);
    }

    /** A small validation set (kept whole) is an iid sample: its peaks are fitted by maximum likelihood. */
    @Test
    void smallValidationSetsFitTheirOwnPeaks() {
        Spot spot = new Spot(RISK, validation(lomax(new Random(9), 900, 3)));
        assertEquals(18, spot.initial().peaks().length, "the 2% over the 98% quantile");
        assertEquals(900, spot.initial().count());
        double truth = Math.pow(RISK, -1 / 3.0) - 1;
        assertEquals(truth, spot.alarmThreshold(spot.initial()), 0.6 * truth, "18 peaks give a rough but sane threshold");
    }

    /** 50,000 validation errors are kept as 1,001 quantiles: the tail is fitted to the quantiles. */
    @Test
    void thresholdFromValidationMatchesTheKnownQuantile() {
        double alpha = 3;
        Spot spot = new Spot(RISK, validation(lomax(new Random(1), 50_000, alpha)));
        double truth = Math.pow(RISK, -1 / alpha) - 1; // P(X > z) = 1e-4 → z ≈ 20.5
        double z = spot.alarmThreshold(spot.initial());
        assertEquals(truth, z, 0.2 * truth, "the fitted tail extrapolates to the 1e-4 quantile");
        assertEquals(1 / alpha, spot.initial().shape(), 0.15);
        assertEquals(Math.pow(0.02, -1 / alpha) - 1, spot.initial().threshold(), 0.1, "t is the 98% quantile");
    }

    @Test
    void exponentialErrorsGetTheirExactQuantile() {
        Random r = new Random(2);
        double[] e = new double[50_000];
        for (int i = 0; i < e.length; i++) {
            e[i] = -Math.log(1 - r.nextDouble());
        }
        Spot spot = new Spot(RISK, validation(e));
        assertEquals(-Math.log(RISK), spot.alarmThreshold(spot.initial()), 0.1 * -Math.log(RISK));
    }

    @Test
    void scoreAboveOneMinusRiskExactlyWhenTheErrorPassesTheThreshold() {
        Spot spot = new Spot(RISK, validation(lomax(new Random(3), 20_000, 3)));
        Spot.State s = spot.initial();
        double z = spot.alarmThreshold(s);
        for (double factor : new double[] {0.01, 0.5, 0.9, 0.999, 1.001, 1.1, 3, 100}) {
            double score = spot.update(s, z * factor).score();
            assertEquals(factor > 1, score > 1 - RISK, "error " + factor + " × z_q scores " + score);
            assertTrue(score >= 0 && score <= 1);
        }
    }

    @Test
    void scoresRiseWithTheError() {
        Spot spot = new Spot(RISK, validation(lomax(new Random(4), 5_000, 2)));
        double previous = -1;
        for (double e = 0; e < 200; e += 0.25) {
            double score = spot.update(spot.initial(), e).score();
            assertTrue(score >= previous, "monotone at " + e);
            previous = score;
        }
    }

    /** 2,000 validation errors are kept as quantiles: the quantile fit seeds the peaks, streamed peaks refine it. */
    @Test
    void streamedPeaksRefitAndAlarmsLeaveTheStateAlone() {
        Random r = new Random(5);
        Spot spot = new Spot(RISK, validation(lomax(r, 2_000, 4)));
        Spot.State s = spot.initial();
        long peaks = s.peaksSeen();
        long start = s.count();
        for (double e : lomax(r, 20_000, 4)) {
            s = spot.update(s, e).next();
        }
        assertTrue(s.peaksSeen() > peaks + 300, "about 2% of 20,000 errors became peaks: " + s.peaksSeen());
        long alarms = start + 20_000 - s.count();
        assertTrue(alarms >= 0 && alarms < 10, "every error but the few alarms (about 2 at risk 1e-4) is counted: " + alarms);
        assertEquals(0.25, s.shape(), 0.1, "the streamed fit converges on the true shape");
        Spot.State before = s;
        Spot.Update alarm = spot.update(s, 1e6);
        assertSame(before, alarm.next(), "an alarm does not teach SPOT that such errors are normal");
        assertEquals(1.0, alarm.score(), 1e-12);
    }

    @Test
    void thePeakRingKeepsOnlyTheNewest() {
        Spot spot = new Spot(RISK, validation(lomax(new Random(6), 1_000, 3)));
        Spot.State s = spot.initial();
        double t = s.threshold();
        Random r = new Random(7);
        for (int i = 0; i < Spot.MAX_PEAKS + 50; i++) {
            s = spot.update(s, t + 0.01 + 0.1 * r.nextDouble()).next();
        }
        assertEquals(Spot.MAX_PEAKS, s.peaks().length);
        assertFalse(s.peaksSeen() <= Spot.MAX_PEAKS);
    }

    /** A constant series' model errs alike on every validation window: no tail, and any larger error is an alarm. */
    @ParameterizedTest
    @ValueSource(ints = {500, 5_000})
    void identicalValidationErrorsLeaveNoTail(int n) {
        double[] same = new double[n];
        java.util.Arrays.fill(same, 0.25);
        Spot spot = new Spot(RISK, validation(same));
        assertTrue(spot.update(spot.initial(), 0.25).score() <= 1 - RISK);
        assertTrue(spot.update(spot.initial(), 0.2501).score() > 1 - RISK);
    }

    @Test
    void riskOutsideItsRangeIsRefused() {
        ErrorDistribution v = validation(lomax(new Random(8), 100, 3));
        assertThrows(IllegalArgumentException.class, () -> new Spot(0, v));
        assertThrows(IllegalArgumentException.class, () -> new Spot(0.05, v));
    }
}
