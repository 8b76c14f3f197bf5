package io.vigil.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** Two windows of 3 steps × 2 features: the newest step is the last row of each window. */
    @Test
    void newestStepIsTheLastRowOfEachWindow() {
        float[] observed = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60};
        float[] reconstructed = {0, 0, 0, 0, 2.5f, 29, 0, 0, 0, 0, 6.5f, 61};
        ScoreBatch b = new ScoreBatch(2, 3, 2, 1, reconstructed, new float[2], new float[4], new float[6], new float[2]);
        assertArrayEquals(new double[] {3, 30}, b.newestObserved(0, observed));
        assertArrayEquals(new double[] {6, 60}, b.newestObserved(1, observed));
        assertArrayEquals(new double[] {2.5, 29}, b.newestReconstructed(0));
        assertArrayEquals(new double[] {6.5, 61}, b.newestReconstructed(1));
    }
}
