package io.vigil.detect;

/**
 * A per-series calibration that asks "is the error unusual for this series lately?" rather than "is it
 * unusual for the training data?". It keeps a long rolling history of log errors, compares the mean of
 * the last few against that history's mean and spread, turns the gap into a Gaussian tail probability,
 * and log-scales it so that only very unlikely stretches approach 1 (as Numenta's anomaly likelihood).
 * A series whose level drifts after training stops scoring high once the drift is its new normal.
 *
 * <p>State lives in a {@link State} plain object so the stream can keep it in a store; {@link #update}
 * returns the new state with the score.
 */
public final class StreamingLikelihood {
    /** Method name carried in scores. */
    public static final String NAME = "streaming-likelihood";
    /** Guards log(0) for perfect reconstructions. */
    static final double ERROR_FLOOR = 1e-9;
    /**
     * Decades of tail probability per e-fold of the score's distance from 1: score = 1 - exp(-L / SCALE)
     * with L = -log10(tail). 1e-5 maps to 0.63, 1e-10 to 0.86, 1e-20 to 0.98; unlike a clipped log it
     * never saturates, so ever stronger evidence keeps ranking higher.
     */
    static final double SCALE = 10.0;

    private final int history;
    private final int shortWindow;
    private final int warmUp;

    /**
     * @param history     errors in the long rolling distribution (e.g. 1000)
     * @param shortWindow errors averaged for the recent level (e.g. 8): smooths single noisy windows
     * @param warmUp      errors needed before any score above 0.5 (e.g. 100)
     */
    public StreamingLikelihood(int history, int shortWindow, int warmUp) {
        if (history < 2 || shortWindow < 1 || shortWindow > history || warmUp < shortWindow || warmUp > history) {
            throw new IllegalArgumentException("likelihood windows: history " + history + ", short " + shortWindow
                    + ", warm-up " + warmUp + "; need 1 <= short <= warm-up <= history");
        }
        this.history = history;
        this.shortWindow = shortWindow;
        this.warmUp = warmUp;
    }

    /** The rolling state of one series: a ring of log errors and its running sums. Format 1. */
    public record State(int formatVersion, double[] ring, int count, int head, double sum, double sumSquares) {
        public static State empty(int history) {
            return new State(1, new double[history], 0, 0, 0, 0);
        }
    }

    /** The score for this error and the state after it; the error joins the history after scoring. */
    public record Update(double score, State next) {
    }

    public Update update(State s, double error) {
        double x = Math.log(Math.max(error, ERROR_FLOOR));
        double score = 0.5;
        if (s.count() >= warmUp) {
            double mean = s.sum() / s.count();
            double var = Math.max(s.sumSquares() / s.count() - mean * mean, 1e-12);
            double recent = x;
            int n = 1;
            for (int k = 1; k < shortWindow && k <= s.count(); k++) {
                recent += s.ring()[Math.floorMod(s.head() - k, history)];
                n++;
            }
            recent /= n;
            // The recent level is a mean of n errors: compare it with the spread such a mean has.
            double z = (recent - mean) / Math.sqrt(var / n);
            score = 1 - Math.exp(-negLog10Tail(z) / SCALE);
        }
        return new Update(Math.max(0, score), add(s, x));
    }

    private State add(State s, double x) {
        double[] ring = s.ring().clone();
        double sum = s.sum();
        double sq = s.sumSquares();
        int count = s.count();
        if (count == history) {
            double old = ring[s.head()];
            sum -= old;
            sq -= old * old;
        } else {
            count++;
        }
        ring[s.head()] = x;
        return new State(1, ring, count, (s.head() + 1) % history, sum + x, sq + x * x);
    }

    /** -log10 P(Z > z), with the asymptotic expansion where the tail underflows. */
    static double negLog10Tail(double z) {
        if (z < 8) {
            return -Math.log10(Math.max(tail(z), Double.MIN_NORMAL));
        }
        double lnTail = -z * z / 2 - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / (z * z));
        return -lnTail / Math.log(10);
    }

    /** Upper tail of the standard normal, P(Z > z). */
    static double tail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
