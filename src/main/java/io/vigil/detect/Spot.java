package io.vigil.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * SPOT, streaming peaks-over-threshold (Siffer et al., "Anomaly Detection in Streams with Extreme Value
 * Theory", KDD 2017): a per-series threshold at a configured risk {@code q}, so that a normal window's error
 * exceeds it with probability about {@code q}, however heavy the error's tail.
 *
 * <p>Start: the initial threshold {@code t} is the {@value #INITIAL_LEVEL} quantile of the model's validation
 * errors, and a {@link GeneralizedPareto} is fitted to the validation errors above it. The tail probability of
 * an error {@code x > t} is then {@code (Nt/n)·P(Y > x − t)}, {@code Nt} peaks among {@code n} errors, and the
 * score is one minus it: {@code score > 1 − q} exactly when {@code x} is above the SPOT threshold
 * {@code z_q = t + GPD quantile}. At or below {@code t} the score is the error's validation quantile, capped
 * at {@code 1 − Nt/n} so it never ranks above an error past {@code t}.
 *
 * <p>Streaming (the paper's Algorithm 1): after scoring, an error above {@code z_q} is an alarm and does not
 * change the state; an error above {@code t} becomes a new peak and the GPD is refitted; any other error only
 * counts toward {@code n}. The series' {@link State} keeps the last {@value #MAX_PEAKS} peaks (older ones drop
 * out, so the fit follows slow change) and the fitted shape and scale, so reading the state needs no refit.
 * Unlike the paper's DSPOT there is no drift correction: the errors of a good model do not trend.
 */
public final class Spot {
    /** Method name carried in scores. */
    public static final String NAME = "spot";
    /** Key {@code spot.risk}'s default: about one normal window in 10,000 crosses the threshold. */
    public static final double DEFAULT_RISK = 1e-4;
    /** The quantile of the validation errors used as the initial threshold {@code t} (the paper's 98%). */
    public static final double INITIAL_LEVEL = 0.98;
    /** Peaks kept per series: bounds the state (8 bytes each) and each refit's cost. */
    static final int MAX_PEAKS = 1000;
    /** Peaks a validation set kept as quantiles stands for (see {@link #fromQuantiles}). */
    static final int SEED_PEAKS = 200;

    private final double risk;
    private final ErrorDistribution validation;
    private final State initial;

    /**
     * @param risk       the tail probability {@code q} of the threshold, in (0, 1 − {@value #INITIAL_LEVEL})
     * @param validation the model's validation errors: the initial threshold and peaks, and the scores below it
     */
    public Spot(double risk, ErrorDistribution validation) {
        if (!(risk > 0 && risk < 1 - INITIAL_LEVEL)) {
            throw new IllegalArgumentException("SPOT risk must be in (0, " + (1 - INITIAL_LEVEL) + "), got " + risk);
        }
        this.risk = risk;
        this.validation = Objects.requireNonNull(validation, "validation");
        this.initial = initialState(validation);
    }

    /**
     * One series' SPOT state, format 1: the initial threshold, the errors counted ({@code n}) and peaks seen
     * ({@code Nt}), the last peaks (excesses over the threshold, oldest first) and the GPD fitted to them.
     */
    public record State(int formatVersion, double threshold, long count, long peaksSeen, double[] peaks, double shape,
                        double scale) implements CalibrationState {
        public State {
            if (peaks.length > MAX_PEAKS || peaksSeen < peaks.length || count < peaksSeen) {
                throw new IllegalArgumentException("inconsistent SPOT state: " + peaks.length + " peaks kept, " + peaksSeen
                        + " seen in " + count + " errors");
            }
            peaks = peaks.clone();
        }

        @Override
        public double[] peaks() {
            return peaks.clone();
        }

        GeneralizedPareto tail() {
            return new GeneralizedPareto(shape, scale);
        }
    }

    /** The score for this error and the state after it. */
    public record Update(double score, State next) {
    }

    /** The state a series starts from: the validation errors' threshold, peaks and fit. */
    public State initial() {
        return initial;
    }

    public double risk() {
        return risk;
    }

    /** The error above which a window is an alarm for a series in state {@code s}: SPOT's {@code z_q}. */
    public double alarmThreshold(State s) {
        return s.threshold() + s.tail().excessAt(Math.min(1, risk / peakFraction(s)));
    }

    public Update update(State s, double error) {
        double score = error > s.threshold()
                ? 1 - peakFraction(s) * s.tail().survival(error - s.threshold())
                : Math.min(validation.quantileOf(error), 1 - peakFraction(s));
        if (error > alarmThreshold(s)) {
            return new Update(score, s);
        }
        if (error <= s.threshold()) {
            return new Update(score, new State(1, s.threshold(), s.count() + 1, s.peaksSeen(), s.peaks, s.shape(), s.scale()));
        }
        return new Update(score, withPeak(s, error - s.threshold()));
    }

    private static double peakFraction(State s) {
        return (double) s.peaksSeen() / s.count();
    }

    private static State withPeak(State s, double excess) {
        double[] old = s.peaks;
        int keep = Math.min(old.length, MAX_PEAKS - 1);
        double[] peaks = Arrays.copyOfRange(old, old.length - keep, old.length + 1);
        peaks[keep] = excess;
        GeneralizedPareto fit = GeneralizedPareto.fit(peaks);
        return new State(1, s.threshold(), s.count() + 1, s.peaksSeen() + 1, peaks, fit.shape(), fit.scale());
    }

    private static State initialState(ErrorDistribution validation) {
        double[] sample = validation.sample();
        double t = validation.errorAt(INITIAL_LEVEL);
        if (validation.count() > sample.length) {
            return fromQuantiles(validation, t);
        }
        // The sample is every validation error: an iid sample, as the paper starts from.
        double[] peaks = Arrays.stream(sample).filter(v -> v > t).map(v -> v - t).toArray();
        if (peaks.length == 0) {
            return withoutTail(t, sample.length);
        }
        GeneralizedPareto fit = GeneralizedPareto.fit(peaks);
        return new State(1, t, sample.length, peaks.length, peaks, fit.shape(), fit.scale());
    }

    /**
     * Validation errors with nothing above the threshold (all alike, as for a constant series): no tail to fit.
     * One vanishing peak stands for it, so that any larger error is an alarm until real peaks arrive.
     */
    private static State withoutTail(double t, long count) {
        double tiny = Math.max(Math.abs(t), Double.MIN_NORMAL) * 1e-9;
        return new State(1, t, Math.max(count, 1), 1, new double[] {tiny}, 0, tiny);
    }

    /**
     * A large validation set is kept as its 0.1%, 0.2%, ... quantiles: not an iid sample (a likelihood fit reads
     * their regular spacing as a short tail, and their last point is the maximum of all errors), but quantiles at
     * known levels. The tail is fitted to the ones past the threshold and below the maximum
     * ({@link GeneralizedPareto#fitQuantiles}), and stands for {@value #SEED_PEAKS} peaks among
     * {@value #SEED_PEAKS}/(1 − {@value #INITIAL_LEVEL}) errors: the fitted distribution's quantiles at the middles
     * of {@value #SEED_PEAKS} equal strata, which refit to it almost exactly, seed the ring, so that streamed peaks
     * refine the fit rather than replace it (a fit to the first few streamed peaks alone can be far off, and
     * SPOT cannot recover from a threshold set too low: the errors above it are alarms, never peaks).
     */
    private static State fromQuantiles(ErrorDistribution validation, double t) {
        int last = validation.sample().length - 1;
        int first = (int) Math.floor(INITIAL_LEVEL * last) + 1;
        double[] excesses = new double[last - first];
        double[] survival = new double[last - first];
        for (int i = first; i < last; i++) {
            double level = (double) i / last;
            excesses[i - first] = validation.errorAt(level) - t;
            survival[i - first] = (1 - level) / (1 - INITIAL_LEVEL);
        }
        if (excesses[excesses.length - 1] <= 0) {
            return withoutTail(t, validation.count());
        }
        GeneralizedPareto fit = GeneralizedPareto.fitQuantiles(excesses, survival);
        double[] seeds = new double[SEED_PEAKS];
        for (int k = 0; k < SEED_PEAKS; k++) {
            seeds[k] = fit.excessAt(1 - (k + 0.5) / SEED_PEAKS);
        }
        return new State(1, t, Math.round(SEED_PEAKS / (1 - INITIAL_LEVEL)), SEED_PEAKS, seeds, fit.shape(), fit.scale());
    }
}
