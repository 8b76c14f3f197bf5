package io.vigil.detect;

import java.util.Objects;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Gamma;

/**
 * Scores a window by the Mahalanobis distance of its per-feature error vector from the validation errors'
 * mean, under their covariance (both from {@code model.json}), as in EncDec-AD (Malhotra et al. 2016):
 * {@code d² = (e − μ)ᵀ Σ⁻¹ (e − μ)}. Unlike the window error, it sees an error that is unusual for its
 * combination of features, such as two features that always erred together erring apart.
 *
 * <p>The score is the chi-square CDF of {@code d²} with {@code F} degrees of freedom (F features): if the
 * error vectors were Gaussian with the validation mean and covariance, {@code d²} would be chi-square
 * distributed and the score uniform on [0, 1], so a threshold of 0.999 flags one normal window in a thousand
 * whatever {@code F} is. The alternative, the distance's quantile among the validation windows' distances,
 * would need the validation error vectors themselves, which {@code model.json} does not keep, and could
 * not rank anything beyond the largest of them. Squared errors are skewed, so the Gaussian reading is an
 * approximation; the score still ranks windows exactly by {@code d²}. Note that the distance is two-sided:
 * an error much smaller than usual is far from the mean too.
 *
 * <p>Regularisation: the covariance gets {@value #RIDGE} × its mean variance added to the diagonal (and at
 * least {@value #MIN_VARIANCE}), so a singular covariance — a feature whose error never varied, or two
 * features whose errors moved in lockstep during validation — still inverts, and a deviation in a direction
 * that never varied costs about 1/{@value #RIDGE} times its square rather than infinity.
 */
public final class MahalanobisCalibrator implements Calibrator {
    /** The method name written into Scores messages. */
    public static final String NAME = "mahalanobis";
    /** Ridge added to the covariance's diagonal, as a fraction of its mean variance. */
    static final double RIDGE = 1e-3;
    /** Smallest ridge: keeps an all-zero covariance (perfect validation reconstructions) invertible. */
    static final double MIN_VARIANCE = 1e-12;

    private final RealVector mean;
    private final DecompositionSolver inverse;
    private final int features;

    public MahalanobisCalibrator(ErrorDistribution validation) {
        Objects.requireNonNull(validation, "validation");
        double[][] covariance = validation.featureCovariance();
        features = covariance.length;
        double trace = 0;
        for (int i = 0; i < features; i++) {
            trace += covariance[i][i];
        }
        double ridge = Math.max(RIDGE * trace / features, MIN_VARIANCE);
        for (int i = 0; i < features; i++) {
            covariance[i][i] += ridge;
        }
        RealMatrix regularised = MatrixUtils.createRealMatrix(covariance);
        // The ridge makes the matrix positive definite; the absolute threshold 0 lets tiny error scales through.
        inverse = new CholeskyDecomposition(regularised, CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0).getSolver();
        mean = MatrixUtils.createRealVector(validation.featureMean());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(WindowError e) {
        return Gamma.regularizedGammaP(features / 2.0, distanceSquared(e) / 2);
    }

    /** The squared Mahalanobis distance of the window's per-feature errors from the validation mean. */
    public double distanceSquared(WindowError e) {
        if (e.featureCount() != features) {
            throw new IllegalArgumentException("window has " + e.featureCount() + " feature errors but the validation"
                    + " covariance has " + features + " features");
        }
        RealVector d = MatrixUtils.createRealVector(e.featureErrors()).subtract(mean);
        return Math.max(0, d.dotProduct(inverse.solve(d)));
    }
}
