package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingLikelihoodTest {
    final StreamingLikelihood likelihood = new StreamingLikelihood(500, 50);

    static WindowError window(double error, double newestError, double newestChange) {
        return new WindowError(error, new double[] {error}, new double[] {0}, null, null, newestError, newestChange);
    }

    /** A window whose three signals are lognormal noise around {@code level}, independently. */
    static WindowError noisy(Random r, double level) {
        return window(level * Math.exp(0.3 * r.nextGaussian()), level * Math.exp(0.3 * r.nextGaussian()),
                level * Math.exp(0.3 * r.nextGaussian()));
    }

    /** Feeds {@code n} noisy windows around {@code level}; returns the max score seen. */
    double feed(StreamingLikelihood.State[] state, Random r, double level, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            StreamingLikelihood.Update u = likelihood.update(state[0], noisy(r, level));
            state[0] = u.next();
            max = Math.max(max, u.score());
        }
        return max;
    }

    @Test
    void scoresAreNeutralDuringWarmUp() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        for (int i = 0; i < 50; i++) {
            StreamingLikelihood.Update u = likelihood.update(s, i == 40 ? window(100, 100, 100) : window(0.01, 0.01, 0.01));
            assertEquals(0.5, u.score());
            s = u.next();
        }
    }

    @Test
    void steadyNoiseScoresLowAndAJumpInAnySignalScoresNearOne() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.EMPTY};
        Random r = new Random(1);
        assertTrue(feed(s, r, 0.01, 400) < 0.9, "steady noise never looks very unlikely");
        assertTrue(likelihood.update(s[0], window(0.2, 0.01, 0.01)).score() > 0.99, "a 20x window error");
        assertTrue(likelihood.update(s[0], window(0.01, 0.2, 0.01)).score() > 0.99, "a 20x error on the newest step");
        assertTrue(likelihood.update(s[0], window(0.01, 0.01, 0.2)).score() > 0.99, "a 20x jump in the values");
        assertTrue(likelihood.update(s[0], window(0.001, 0.001, 0.001)).score() < 0.1, "smaller than usual is not anomalous");
    }

    @Test
    void aNewLevelBecomesNormalAfterAFewHorizons() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.EMPTY};
        Random r = new Random(2);
        feed(s, r, 0.01, 500);
        assertTrue(feed(s, r, 0.05, 5) > 0.99, "the shift is news");
        feed(s, r, 0.05, 2000);
        assertTrue(feed(s, r, 0.05, 100) < 0.9, "the drifted level is the new normal");
    }

    /** On Gaussian errors the score is a calibrated tail probability: score > 1 - e^(-2/SCALE) for 1% of windows. */
    @Test
    void gaussianErrorsCrossTheOnePercentScoreOnePercentOfTheTime() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        Random r = new Random(3);
        double onePercent = 1 - Math.exp(-2 / StreamingLikelihood.SCALE); // -log10(0.01) = 2
        int over = 0;
        int scored = 0;
        for (int i = 0; i < 60_000; i++) {
            StreamingLikelihood.Update u = likelihood.update(s, window(5 + r.nextGaussian(), 1, 0));
            s = u.next();
            if (i >= 1000) {
                scored++;
                over += u.score() > onePercent ? 1 : 0;
            }
        }
        assertEquals(0.01, (double) over / scored, 0.002);
    }

    @Test
    void aHugeAnomalyDoesNotHideTheNextOne() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.EMPTY};
        Random r = new Random(4);
        feed(s, r, 0.01, 500);
        StreamingLikelihood.Update spike = likelihood.update(s[0], window(10, 10, 10));
        assertTrue(spike.score() > 0.99, "a 1000x spike");
        s[0] = spike.next();
        assertTrue(feed(s, r, 0.01, 50) < 0.9, "the noise after it is normal again");
        assertTrue(likelihood.update(s[0], window(0.2, 0.01, 0.01)).score() > 0.99,
                "a 20x window error 50 windows after a 1000x spike is still news");
    }

    @Test
    void aWarmSignalsValueJoinsTheStatisticsCappedAt25DeviationsAndAColdOneUncapped() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.EMPTY};
        feed(s, new Random(5), 0.01, 100);
        StreamingLikelihood.Moments before = s[0].signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        StreamingLikelihood.Moments after = likelihood.update(s[0], window(1e6, 0.01, 0.01)).next()
                .signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        double cap = before.mean() + StreamingLikelihood.UPDATE_CAP_DEVIATIONS * Math.sqrt(before.variance());
        assertEquals(before.add(cap, 500), after);

        StreamingLikelihood.State cold = likelihood.update(StreamingLikelihood.State.EMPTY, window(0.01, 0.01, 0.01)).next();
        assertEquals(cold.signal(StreamingLikelihood.Signal.NEWEST_ERROR).add(1e6, 500),
                likelihood.update(cold, window(0.01, 1e6, 0.01)).next().signal(StreamingLikelihood.Signal.NEWEST_ERROR),
                "during warm-up every value joins as it is");
    }

    @Test
    void momentsArePlainMeanAndVarianceWithinTheHorizon() {
        StreamingLikelihood.Moments m = StreamingLikelihood.Moments.EMPTY;
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        for (double v : x) {
            m = m.add(v, 10);
        }
        assertEquals(8, m.count());
        assertEquals(31.0 / 8, m.mean(), 1e-12);
        double var = 0;
        for (double v : x) {
            var += (v - 31.0 / 8) * (v - 31.0 / 8);
        }
        assertEquals(var / 8, m.variance(), 1e-12);
        StreamingLikelihood.Moments past = m.add(100, 8);
        assertEquals(m.mean() + (100 - m.mean()) / 8, past.mean(), 1e-12, "past the horizon each value weighs 1/horizon");
    }

    @Test
    void everStrongerEvidenceScoresHigherWithoutReachingOne() {
        double[] decades = {5, 10, 20, 99, 100, 101, 370, 400, 1e4, 1e6, 1e8};
        double previous = 0;
        for (double d : decades) {
            double s = StreamingLikelihood.scoreOfDecades(d);
            assertTrue(s > previous && s < 1, d + " decades scores " + s + ", after " + previous);
            previous = s;
        }
        assertEquals(1 - Math.exp(-1), StreamingLikelihood.scoreOfDecades(10), 1e-15, "below the knee: 1 - exp(-L/10)");
        double k = StreamingLikelihood.KNEE;
        double below = StreamingLikelihood.scoreOfDecades(k) - StreamingLikelihood.scoreOfDecades(k - 1e-3);
        double above = StreamingLikelihood.scoreOfDecades(k + 1e-3) - StreamingLikelihood.scoreOfDecades(k);
        assertEquals(below, above, below * 1e-3, "continuous, with the same slope, at the knee");
        assertTrue(likelihood.update(warm(), window(1e4, 1, 0)).score() < likelihood.update(warm(), window(1e5, 1, 0)).score(),
                "deviations of ~10^4 and ~10^5 still rank");
    }

    /** A state warm on Gaussian window errors around 5. */
    StreamingLikelihood.State warm() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        Random r = new Random(6);
        for (int i = 0; i < 200; i++) {
            s = likelihood.update(s, window(5 + r.nextGaussian(), 1, 0)).next();
        }
        return s;
    }

    /** A quiet window whose newest raw value is {@code value}, reconstructed exactly. */
    static WindowError valued(double value) {
        return new WindowError(0.01, new double[] {0.01}, new double[] {0}, new double[] {value}, new double[] {value}, 0.01, 0.01);
    }

    /** Quiet windows with newest values cycling through 10..20; warm after them. */
    StreamingLikelihood.State warmBetweenTenAndTwenty() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        for (int i = 0; i < 100; i++) {
            s = likelihood.update(s, valued(10 + i % 11)).next();
        }
        assertEquals(new SeenRange(new double[] {10}, new double[] {20}), s.range());
        return s;
    }

    @Test
    void aNewExtremeBeyondTheToleranceScoresAtLeastTheNewExtremeScore() {
        StreamingLikelihood.State s = warmBetweenTenAndTwenty();
        StreamingLikelihood.Update high = likelihood.update(s, valued(20.6));
        assertTrue(high.newExtreme());
        assertTrue(high.score() >= StreamingLikelihood.NEW_EXTREME_SCORE, "score " + high.score());
        StreamingLikelihood.Update low = likelihood.update(s, valued(9.4));
        assertTrue(low.newExtreme(), "the min side");
        assertEquals(StreamingLikelihood.NEW_EXTREME_SCORE, low.score(), "quiet tails: exactly the floor");

        StreamingLikelihood.Update within = likelihood.update(s, valued(20.4));
        assertFalse(within.newExtreme(), "a new max within 5% of the width");
        assertTrue(within.score() < 0.9, "and the quiet tails decide: " + within.score());
        assertEquals(20.4, within.next().range().max()[0], "yet it joins the range");
    }

    @Test
    void theValueIsComparedWithTheRangeBeforeItJoinsIt() {
        StreamingLikelihood.Update first = likelihood.update(warmBetweenTenAndTwenty(), valued(30));
        assertTrue(first.newExtreme());
        assertEquals(30, first.next().range().max()[0]);
        StreamingLikelihood.Update again = likelihood.update(first.next(), valued(30));
        assertFalse(again.newExtreme(), "the second 30 is no longer new");
        assertTrue(likelihood.update(first.next(), valued(31.1)).newExtreme(), "beyond 30 + 5% of the new width 20");
    }

    @Test
    void strongerTailsKeepTheirHigherScoreOnANewExtreme() {
        StreamingLikelihood.State s = warmBetweenTenAndTwenty();
        WindowError both = new WindowError(100, new double[] {100}, new double[] {0}, new double[] {50}, new double[] {50}, 100, 100);
        StreamingLikelihood.Update u = likelihood.update(s, both);
        assertTrue(u.newExtreme());
        assertTrue(u.score() > StreamingLikelihood.NEW_EXTREME_SCORE, "score " + u.score());
    }

    @Test
    void duringTheWarmUpTheRangeGrowsButNothingIsANewExtreme() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        for (int i = 0; i < 50; i++) {
            StreamingLikelihood.Update u = likelihood.update(s, valued(i * i));
            assertFalse(u.newExtreme(), "window " + i);
            assertEquals(0.5, u.score());
            s = u.next();
        }
        assertEquals(new SeenRange(new double[] {0}, new double[] {49 * 49}), s.range(), "kept from the first window");
        assertTrue(likelihood.update(s, valued(3000)).newExtreme(), "from the first warm window on (beyond 2401 + 120)");
    }

    @Test
    void aFlatSeriesNeverMakesANewExtremeAndAWindowWithoutNewestValuesLeavesTheRange() {
        StreamingLikelihood.State s = StreamingLikelihood.State.EMPTY;
        for (int i = 0; i < 100; i++) {
            s = likelihood.update(s, valued(7)).next();
        }
        assertFalse(likelihood.update(s, valued(1e6)).newExtreme(), "max == min");
        StreamingLikelihood.State wide = warmBetweenTenAndTwenty();
        StreamingLikelihood.Update bare = likelihood.update(wide, window(0.01, 0.01, 0.01));
        assertFalse(bare.newExtreme());
        assertEquals(wide.range(), bare.next().range());
    }

    @Test
    void normalTailIsAccurate() {
        assertEquals(0.5, StreamingLikelihood.tail(0), 1e-7);
        assertEquals(0.0249979, StreamingLikelihood.tail(1.96), 1e-6);
        assertEquals(0.9772499, StreamingLikelihood.tail(-2), 1e-6);
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamingLikelihood(10, 20));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLikelihood(10, 0));
    }
}
