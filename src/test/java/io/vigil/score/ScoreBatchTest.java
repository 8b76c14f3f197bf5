package io.vigil.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreBatchTest {
    /** One window of 8 steps, 1 feature: the reconstruction pulled toward a dip at the last two steps. */
    @Test
    void residualDirectionFollowsTheLargestResidualsNotTheMean() {
        float[] observed = {1, 1, 1, 1, 1, 1, -3, -3};
        float[] reconstructed = {0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f};
        ScoreBatch b = new ScoreBatch(1, 8, 1, 1, reconstructed, new float[] {1}, new float[] {1}, new float[8], new float[1]);
        // Plain mean: (6 × 0.6 − 2 × 3.4) / 8 = −0.4 here, but it could flip with a slightly smaller dip;
        // the weighted residual follows the dip clearly.
        double r = b.featureResiduals(0, observed)[0];
        assertTrue(r < -2, "weighted residual " + r);
        float[] spike = {1, 1, 1, 1, 1, 1, 5, 5};
        assertTrue(b.featureResiduals(0, spike)[0] > 2);
        assertEquals(0.0, b.featureResiduals(0, reconstructed)[0]);
    }
}
