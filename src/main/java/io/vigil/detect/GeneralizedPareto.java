package io.vigil.detect;

import java.util.Arrays;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The generalised Pareto distribution (GPD) of the excesses {@code y = x - t} of a variable over a high
 * threshold {@code t}: {@code P(Y > y) = (1 + shape·y/scale)^(-1/shape)}, or {@code exp(-y/scale)} when the
 * shape is 0. By the Pickands–Balkema–de Haan theorem this is the tail of almost any distribution far enough
 * out, which is what lets SPOT ({@link Spot}) put a threshold at a probability far smaller than the data
 * could show directly. A positive shape is a heavy (Pareto-like) tail, 0 an exponential one, a negative
 * shape a tail with an end point at {@code -scale/shape}.
 *
 * <p>{@link #fit} is the maximum-likelihood fit by Grimshaw's (1993) reduction: with {@code θ = shape/scale}
 * the likelihood equations collapse to one equation in {@code θ}, whose roots lie in
 * {@code (-1/max(y), 0)} and {@code (0, 2(mean − min)/min²)}; each root found there, and the exponential
 * fit, is a candidate, and the one with the highest likelihood wins.
 */
public record GeneralizedPareto(double shape, double scale) {
    /** Below this many excesses the shape is not estimable: the exponential tail (shape 0) is used. */
    static final int MIN_EXCESSES_FOR_SHAPE = 10;
    /** Points per side in the scan for sign changes of Grimshaw's equation, before Brent refines each. */
    private static final int SCAN_POINTS = 48;
    /** Smallest {@code |θ|·mean} scanned: closer to 0 the equation is 0 up to rounding (the trivial root). */
    private static final double SCAN_NEAR_ZERO = 1e-4;
    private static final BrentSolver SOLVER = new BrentSolver(1e-12, 1e-14);
    private static final int SOLVER_EVALUATIONS = 1000;
    /** Shapes this close to 0 use the exponential formulas, where the general ones lose precision. */
    private static final double EXPONENTIAL_SHAPE = 1e-9;
    /** The shapes a quantile fit considers: from a short tail to one with an infinite mean. */
    static final double MIN_FITTED_SHAPE = -0.5;
    static final double MAX_FITTED_SHAPE = 1.5;

    public GeneralizedPareto {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(shape)) {
            throw new IllegalArgumentException("a generalised Pareto distribution needs a finite shape and a scale > 0,"
                    + " got shape " + shape + ", scale " + scale);
        }
    }

    /** The probability that an excess is greater than {@code y} (1 for {@code y <= 0}; 0 past a finite end point). */
    public double survival(double y) {
        if (y <= 0) {
            return 1;
        }
        if (Math.abs(shape) < EXPONENTIAL_SHAPE) {
            return Math.exp(-y / scale);
        }
        double base = 1 + shape * y / scale;
        return base <= 0 ? 0 : Math.exp(-Math.log(base) / shape);
    }

    /** The excess {@code y} whose survival probability is {@code p} in (0, 1]: the inverse of {@link #survival}. */
    public double excessAt(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("a survival probability must be in (0, 1], got " + p);
        }
        if (Math.abs(shape) < EXPONENTIAL_SHAPE) {
            return -scale * Math.log(p);
        }
        return scale / shape * (Math.pow(p, -shape) - 1);
    }

    /**
     * The maximum-likelihood GPD of {@code excesses} (each >= 0, at least one > 0). Fewer than
     * {@value #MIN_EXCESSES_FOR_SHAPE} excesses get the exponential fit (shape 0, scale = their mean).
     */
    public static GeneralizedPareto fit(double[] excesses) {
        double[] y = excesses.clone();
        Arrays.sort(y);
        double mean = 0;
        for (double v : y) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("excesses must be finite and >= 0, got " + v);
            }
            mean += v;
        }
        if (y.length == 0 || y[y.length - 1] <= 0) {
            throw new IllegalArgumentException("a generalised Pareto fit needs at least one excess > 0");
        }
        mean /= y.length;
        GeneralizedPareto best = new GeneralizedPareto(0, mean);
        if (y.length < MIN_EXCESSES_FOR_SHAPE || y[0] == y[y.length - 1]) {
            return best;
        }
        double bestLikelihood = best.logLikelihood(y);
        for (double[] grid : new double[][] {negativeGrid(y[y.length - 1]), positiveGrid(y[0], y[y.length - 1], mean)}) {
            double previous = grimshaw(y, grid[0]);
            for (int i = 1; i < grid.length; i++) {
                double current = grimshaw(y, grid[i]);
                if ((previous < 0) != (current < 0)) {
                    GeneralizedPareto candidate = root(y, grid[i - 1], grid[i]);
                    double likelihood = candidate == null ? Double.NEGATIVE_INFINITY : candidate.logLikelihood(y);
                    if (likelihood > bestLikelihood) {
                        best = candidate;
                        bestLikelihood = likelihood;
                    }
                }
                previous = current;
            }
        }
        return best;
    }

    /**
     * The GPD whose quantiles best match known ones, by least squares: {@code excesses[k]} is the excess whose
     * survival probability is {@code survival[k]} (e.g. the validation errors' 98.1%, 98.2%, ... quantiles over
     * the 98% one, at survival 0.95, 0.90, ...). For quantiles read off a large sample, which are not an iid
     * sample the likelihood could use; consistent for any GPD. The shape is searched in
     * [{@value #MIN_FITTED_SHAPE}, {@value #MAX_FITTED_SHAPE}]; for each shape the best scale is closed-form.
     */
    public static GeneralizedPareto fitQuantiles(double[] excesses, double[] survival) {
        if (excesses.length != survival.length || excesses.length < 2) {
            throw new IllegalArgumentException("a quantile fit needs at least two excesses with their survival probabilities");
        }
        UnivariateFunction residual = shape -> {
            double scale = bestScale(excesses, survival, shape);
            double sum = 0;
            for (int k = 0; k < excesses.length; k++) {
                double d = excesses[k] - scale * unitExcess(survival[k], shape);
                sum += d * d;
            }
            return sum;
        };
        double shape = new BrentOptimizer(1e-10, 1e-12).optimize(new MaxEval(SOLVER_EVALUATIONS), new UnivariateObjectiveFunction(residual),
                GoalType.MINIMIZE, new SearchInterval(MIN_FITTED_SHAPE, MAX_FITTED_SHAPE)).getPoint();
        double scale = bestScale(excesses, survival, shape);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the quantiles do not rise with the level: no generalised Pareto fits them");
        }
        return new GeneralizedPareto(Math.abs(shape) < EXPONENTIAL_SHAPE ? 0 : shape, scale);
    }

    /** The excess at survival {@code p} of the GPD with this shape and scale 1. */
    private static double unitExcess(double p, double shape) {
        return Math.abs(shape) < EXPONENTIAL_SHAPE ? -Math.log(p) : (Math.pow(p, -shape) - 1) / shape;
    }

    private static double bestScale(double[] excesses, double[] survival, double shape) {
        double xy = 0;
        double xx = 0;
        for (int k = 0; k < excesses.length; k++) {
            double u = unitExcess(survival[k], shape);
            xy += u * excesses[k];
            xx += u * u;
        }
        return xy / xx;
    }

    /**
     * The GPD of the root of Grimshaw's equation between θ = a and b, solved for θ·max (scale-free, so the
     * solver's absolute accuracy means the same for errors of any size); null when rounding defeats the solver.
     */
    private static GeneralizedPareto root(double[] y, double a, double b) {
        double max = y[y.length - 1];
        try {
            return fromTheta(y, SOLVER.solve(SOLVER_EVALUATIONS, u -> grimshaw(y, u / max), a * max, b * max) / max);
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            // a sign change from rounding noise near θ = 0, where the equation is flat: not a real root
            return null;
        }
    }

    /**
     * Ascending θ = −r/max over (−1/max, 0): r log-spaced from 1 − 1e-9 down to 1/2 (toward the end point,
     * where the roots of short tails lie), then from 1/2 down to {@value #SCAN_NEAR_ZERO}.
     */
    private static double[] negativeGrid(double max) {
        int half = SCAN_POINTS / 2;
        double[] grid = new double[2 * half];
        for (int i = 0; i < half; i++) {
            double f = (double) i / (half - 1);
            grid[i] = -(1 - 1e-9 * Math.pow(0.5 / 1e-9, f)) / max;
            grid[half + i] = -0.5 * Math.pow(SCAN_NEAR_ZERO / 0.5, f) / max;
        }
        return grid;
    }

    /** Ascending θ log-spaced from {@value #SCAN_NEAR_ZERO}/mean to Grimshaw's bound 2(mean − min)/min². */
    private static double[] positiveGrid(double min, double max, double mean) {
        double low = SCAN_NEAR_ZERO / mean;
        double floor = Math.max(min, max * 1e-9);
        double high = Math.max(2 * (mean - floor) / (floor * floor), 2 * low);
        double[] grid = new double[SCAN_POINTS];
        for (int i = 0; i < SCAN_POINTS; i++) {
            grid[i] = low * Math.pow(high / low, (double) i / (SCAN_POINTS - 1));
        }
        return grid;
    }

    /** Grimshaw's equation {@code u(θ)·v(θ) − 1}, with u = mean 1/(1+θy) and v = 1 + mean log(1+θy). */
    private static double grimshaw(double[] y, double theta) {
        double u = 0;
        double v = 0;
        for (double e : y) {
            double s = 1 + theta * e;
            u += 1 / s;
            v += Math.log(s);
        }
        return (u / y.length) * (1 + v / y.length) - 1;
    }

    /** The GPD a root θ stands for: shape = mean log(1+θy), scale = shape/θ; null when not a valid distribution. */
    private static GeneralizedPareto fromTheta(double[] y, double theta) {
        double shape = 0;
        for (double e : y) {
            shape += Math.log(1 + theta * e);
        }
        shape /= y.length;
        double scale = shape / theta;
        return scale > 0 && Double.isFinite(scale) && Double.isFinite(shape) ? new GeneralizedPareto(shape, scale) : null;
    }

    /** The log-likelihood of {@code y} under this distribution (−∞ when a value is past the end point). */
    double logLikelihood(double[] y) {
        double sum = -y.length * Math.log(scale);
        if (Math.abs(shape) < EXPONENTIAL_SHAPE) {
            for (double e : y) {
                sum -= e / scale;
            }
            return sum;
        }
        for (double e : y) {
            double base = 1 + shape * e / scale;
            if (base <= 0) {
                return Double.NEGATIVE_INFINITY;
            }
            sum -= (1 + 1 / shape) * Math.log(base);
        }
        return sum;
    }
}
