package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** On Gaussian error vectors with a known mean and covariance, the score is uniform: a calibrated probability. */
class MahalanobisCalibratorTest {
    static final double[] MEAN = {5, 8, 3};
    /** Correlated features: the second errs with the first, the third against it. */
    static final double[][] COVARIANCE = {{1.0, 0.6, -0.3}, {0.6, 0.8, -0.1}, {-0.3, -0.1, 0.5}};

    static ErrorDistribution known(double[] mean, double[][] covariance) {
        return new ErrorDistribution(1000, 1, 0.1, 2, Map.of(), new double[] {0, 1, 2}, mean, covariance);
    }

    static WindowError window(double[] featureErrors) {
        return new WindowError(Arrays.stream(featureErrors).average().orElseThrow(), featureErrors, new double[featureErrors.length]);
    }

    /** A draw from N(MEAN, COVARIANCE): MEAN + L z with L the Cholesky factor, written out for this 3×3. */
    static double[] draw(Random r) {
        double l11 = Math.sqrt(COVARIANCE[0][0]);
        double l21 = COVARIANCE[1][0] / l11;
        double l22 = Math.sqrt(COVARIANCE[1][1] - l21 * l21);
        double l31 = COVARIANCE[2][0] / l11;
        double l32 = (COVARIANCE[2][1] - l31 * l21) / l22;
        double l33 = Math.sqrt(COVARIANCE[2][2] - l31 * l31 - l32 * l32);
        double z1 = r.nextGaussian();
        double z2 = r.nextGaussian();
        double z3 = r.nextGaussian();
        return new double[] {MEAN[0] + l11 * z1, MEAN[1] + l21 * z1 + l22 * z2, MEAN[2] + l31 * z1 + l32 * z2 + l33 * z3};
    }

    @Test
    void gaussianErrorsScoreUniformly() {
        MahalanobisCalibrator c = new MahalanobisCalibrator(known(MEAN, COVARIANCE));
        Random r = new Random(1);
        double[] scores = new double[20_000];
        int over999 = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = c.score(window(draw(r)));
            over999 += scores[i] > 0.999 ? 1 : 0;
        }
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(new UniformRealDistribution(0, 1), scores);
        assertTrue(ks < 1.36 / Math.sqrt(scores.length), "scores are uniform (KS statistic " + ks + ")");
        assertEquals(20, over999, 12, "threshold 0.999 flags about one window in a thousand");
    }

    @Test
    void distanceFollowsTheCovarianceNotTheAxes() {
        MahalanobisCalibrator c = new MahalanobisCalibrator(known(MEAN, COVARIANCE));
        assertEquals(0, c.score(window(MEAN)), 1e-12, "the mean itself is the most normal");
        // the same Euclidean step, once along the correlation (usual) and once against it (unusual)
        double along = c.distanceSquared(window(new double[] {6, 8.6, 3}));
        double against = c.distanceSquared(window(new double[] {6, 7.4, 3}));
        assertTrue(against > 3 * along, "erring apart is rarer than erring together: " + along + " vs " + against);
        // one feature of variance 1 (plus the ridge): the two-sided normal probability of the same distance
        assertEquals(chiSquare1(along / (1 + MahalanobisCalibrator.RIDGE)), new MahalanobisCalibrator(known(new double[] {5}, new double[][] {{1}}))
                .score(window(new double[] {5 + Math.sqrt(along)})), 1e-6);
    }

    /** P(χ²₁ ≤ x) = P(|Z| ≤ √x) = 1 − 2·tail(√x). */
    static double chiSquare1(double x) {
        return 1 - 2 * StreamingLikelihood.tail(Math.sqrt(x));
    }

    @Test
    void singularCovarianceIsRegularised() {
        // two features whose errors were identical in validation: their covariance has rank 1
        MahalanobisCalibrator c = new MahalanobisCalibrator(known(new double[] {1, 1}, new double[][] {{1, 1}, {1, 1}}));
        double together = c.score(window(new double[] {2, 2}));
        double apart = c.score(window(new double[] {2, 0}));
        assertTrue(together < 0.9 && Double.isFinite(together), "moving together is ordinary: " + together);
        assertEquals(1, apart, 1e-6, "moving apart never happened in validation");
        MahalanobisCalibrator zero = new MahalanobisCalibrator(known(new double[] {0}, new double[][] {{0}}));
        assertEquals(1, zero.score(window(new double[] {0.1})), 1e-12, "an all-zero covariance still inverts");
    }

    @Test
    void aWindowWithOtherFeaturesIsRefused() {
        MahalanobisCalibrator c = new MahalanobisCalibrator(known(MEAN, COVARIANCE));
        assertThrows(IllegalArgumentException.class, () -> c.score(window(new double[] {1, 2})));
    }
}
