package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingLikelihoodTest {
    final StreamingLikelihood likelihood = new StreamingLikelihood(500, 5, 50);

    /** Feeds lognormal errors around {@code level}; returns the last state and the max score seen. */
    double[] feed(StreamingLikelihood.State[] state, Random r, double level, int n) {
        double max = 0;
        double last = 0;
        for (int i = 0; i < n; i++) {
            StreamingLikelihood.Update u = likelihood.update(state[0], level * Math.exp(0.3 * r.nextGaussian()));
            state[0] = u.next();
            max = Math.max(max, u.score());
            last = u.score();
        }
        return new double[] {max, last};
    }

    @Test
    void scoresAreNeutralDuringWarmUp() {
        StreamingLikelihood.State s = StreamingLikelihood.State.empty(500);
        for (int i = 0; i < 50; i++) {
            StreamingLikelihood.Update u = likelihood.update(s, i == 40 ? 100 : 0.01);
            assertEquals(0.5, u.score());
            s = u.next();
        }
    }

    @Test
    void steadyErrorsScoreLowAndAJumpScoresNearOne() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.empty(500)};
        Random r = new Random(1);
        double[] steady = feed(s, r, 0.01, 400);
        assertTrue(steady[0] < 0.9, "steady noise never looks very unlikely: " + steady[0]);
        double[] jump = feed(s, r, 0.2, 5);
        assertTrue(jump[0] > 0.99, "a 20x jump is very unlikely: " + jump[0]);
    }

    @Test
    void aNewLevelBecomesNormalOnceItFillsTheHistory() {
        StreamingLikelihood.State[] s = {StreamingLikelihood.State.empty(500)};
        Random r = new Random(2);
        feed(s, r, 0.01, 500);
        feed(s, r, 0.05, 600);
        double[] after = feed(s, r, 0.05, 100);
        assertTrue(after[0] < 0.9, "the drifted level is the new normal: " + after[0]);
    }

    @Test
    void normalTailIsAccurate() {
        assertEquals(0.5, StreamingLikelihood.tail(0), 1e-7);
        assertEquals(0.0249979, StreamingLikelihood.tail(1.96), 1e-6);
        assertEquals(0.9772499, StreamingLikelihood.tail(-2), 1e-6);
    }

    @Test
    void inconsistentWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamingLikelihood(10, 20, 5));
    }
}
