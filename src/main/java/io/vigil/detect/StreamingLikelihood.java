package io.vigil.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A per-series calibration that asks "is this window unusual for this series lately?" rather than "is it
 * unusual for the training data?". For each of three {@link Signal}s it keeps the mean and variance of the
 * series' recent values, measures how many standard deviations the current value lies above them, turns
 * that into a Gaussian tail probability, and log-scales it so that only very unlikely values approach 1
 * (as Numenta's anomaly likelihood). The score is the strongest of the three: the smallest tail probability.
 * A series whose level drifts after training stops scoring high once the drift is its new normal.
 *
 * <p>The statistics are exponentially weighted with a horizon of {@code history} values: the plain mean and
 * variance of everything seen while fewer than {@code history} values have arrived, then each new value
 * weighs {@code 1/history}. That keeps a series' state at three numbers per signal, where a sliding window
 * of the same length would keep a thousand.
 *
 * <p>Why these choices, measured on NAB with one set of per-file models (docs/benchmarks.md#nab, standard
 * profile; other models move every figure by a few points): the previous design — the
 * logged window error, its last 8 values averaged, against a sliding window of 1000 — scored 30.0; the raw
 * window error alone against exponentially weighted statistics 51.7; with the newest step's error (which a
 * window mean dilutes T times) and the newest change of the raw values (a jump the model partly
 * reconstructs) 53.0, with fewer misses and more false positives (low-FN 60.8 against 56.9, low-FP 39.3
 * against 42.2).
 *
 * <p>On top of the three tails, the new-extreme rule (Numenta HTM's "spatial anomaly"): the state keeps the
 * {@link SeenRange} of every newest raw value the series has shown, and a window whose newest value lies
 * beyond it by more than {@value SeenRange#TOLERANCE} of its width scores at least {@value #NEW_EXTREME_SCORE}
 * ({@link Update#newExtreme()} says so); the value then joins the range. A model's error says how well a
 * window matches the shapes it learned, not whether its level was ever seen. Measured on NAB
 * (docs/benchmarks.md#nab, mean of three training seeds, harness runs): 54.9 → 56.8 standard, 47.8 → 50.3
 * low-FP, 60.1 → 61.7 low-FN. The range is kept from the series' first window on, but the rule only fires
 * once the likelihood is warm (some signal has {@code warmUp} values): a young range is narrow, nearly every
 * value would be a new extreme, and during warm-up every score is the neutral 0.5. (The rule as measured fired
 * from the second distinct value on; in the NAB harness the warm-up ends inside every file's probation, which
 * is never scored, so the two agree there. In the stream the warm-up is per series and independent of
 * {@code alert.warmup}, which only keeps decisions from being anomalous.)
 *
 * <p>With a {@link DailyBaseline} slot ({@link #update(State, WindowError, long, DailyBaseline.Slot)}), each signal
 * enters the statistics and the score as its excess over the largest value it reached at the same half hour on the
 * previous days, so what every day brings at that hour stops looking unusual. Measured on NAB (same runs): 56.8 →
 * 62.9 standard, 50.3 → 53.9 low-FP, 61.7 → 68.4 low-FN.
 *
 * <p>State lives in a {@link State} plain object so the stream can keep it in a store (and the daily baseline in
 * one small {@link DailyBaseline.Slot} per series and half hour); {@link #update} returns the new state with the score.
 */
public final class StreamingLikelihood {
    /** Method name carried in scores. */
    public static final String NAME = "streaming-likelihood";
    /**
     * Decades of tail probability per e-fold of the score's distance from 1: score = 1 - exp(-L / SCALE)
     * with L = -log10(tail). 1e-5 maps to 0.63, 1e-10 to 0.86, 1e-20 to 0.98; unlike a clipped log it
     * does not saturate (see {@link #KNEE}), so ever stronger evidence keeps ranking higher.
     */
    static final double SCALE = 10.0;
    /**
     * Decades of tail probability beyond which the score approaches 1 more slowly. {@code 1 − exp(−L/SCALE)}
     * rounds to exactly 1.0 in a double from about 370 decades (a deviation of ~41), and NAB's spikes reach
     * millions; beyond the knee (score 0.99995) the distance to 1 shrinks as a power of {@code 1 + ln(L/KNEE)},
     * continuing the curve with the same slope, so scores stay below 1 and in order up to ~10^8 decades.
     */
    static final double KNEE = 100.0;
    /** Variance floor: a signal that never varied makes any change very unlikely, but not a division by zero. */
    static final double MIN_VARIANCE = 1e-12;
    /**
     * Standard deviations above the mean at which a warm signal's value is capped before it joins the statistics.
     * An anomaly scores against the statistics before it, but uncapped it would then inflate the variance for a
     * whole horizon and hide the next anomaly (NAB's second windows); heavy-tailed normal noise still reaches
     * 5–10 deviations, so the cap sits far above that. 20, 25 and 30 scored alike on NAB (docs/benchmarks.md#nab).
     */
    static final double UPDATE_CAP_DEVIATIONS = 25.0;
    /**
     * The least score of a window whose newest value is a new extreme ({@link SeenRange}): in the log regime above
     * the {@link #KNEE} (0.99995), so above any sensible threshold (the default is 0.9), yet a window whose tails are stronger still
     * keeps its higher score and rank. 0.99 scored the same on NAB (docs/benchmarks.md#nab).
     */
    static final double NEW_EXTREME_SCORE = 0.99999;

    /** What the likelihood watches about each window, one set of statistics each, in state order. */
    public enum Signal {
        /** The model's loss on the whole window. */
        WINDOW_ERROR,
        /** The model's loss on the window's newest step. */
        NEWEST_ERROR,
        /** The size of the newest step's change in the raw values. */
        NEWEST_CHANGE;

        double of(WindowError e) {
            return switch (this) {
                case WINDOW_ERROR -> e.error();
                case NEWEST_ERROR -> e.newestError();
                case NEWEST_CHANGE -> e.newestChange();
            };
        }
    }

    private final int history;
    private final int warmUp;

    /**
     * @param history the horizon of the statistics, in windows (e.g. 1000)
     * @param warmUp  values a signal needs before it scores above 0.5 (e.g. 100)
     */
    public StreamingLikelihood(int history, int warmUp) {
        if (warmUp < 1 || history < warmUp) {
            throw new IllegalArgumentException("likelihood history " + history + " and warm-up " + warmUp
                    + ": need 1 <= warm-up <= history");
        }
        this.history = history;
        this.warmUp = warmUp;
    }

    /** One signal's statistics: values seen, and their (exponentially weighted) mean and population variance. */
    public record Moments(long count, double mean, double variance) {
        public static final Moments EMPTY = new Moments(0, 0, 0);

        public Moments {
            if (count < 0 || !Double.isFinite(mean) || !(variance >= 0) || Double.isInfinite(variance)) {
                throw new IllegalArgumentException("corrupt likelihood moments: count " + count + ", mean " + mean
                        + ", variance " + variance);
            }
        }

        /** With {@code x} added; each value weighs 1/count until count reaches {@code horizon}, then 1/horizon. */
        Moments add(double x, int horizon) {
            long n = count + 1;
            double weight = 1.0 / Math.min(n, horizon);
            double d = x - mean;
            return new Moments(n, mean + weight * d, (1 - weight) * (variance + weight * d * d));
        }
    }

    /**
     * The rolling state of one series: one {@link Moments} per {@link Signal}, in order, and the range of the newest
     * values seen ({@link SeenRange#NONE} until the first window with newest values). Format {@value #FORMAT_VERSION}
     * ({@link LikelihoodStateMapper} reads the older ones).
     */
    public record State(int formatVersion, List<Moments> signals, SeenRange range) implements CalibrationState {
        public static final int FORMAT_VERSION = 3;
        public static final State EMPTY = new State(FORMAT_VERSION, List.of(Moments.EMPTY, Moments.EMPTY, Moments.EMPTY),
                SeenRange.NONE);

        public State {
            if (formatVersion != FORMAT_VERSION) {
                throw new IllegalArgumentException("likelihood state format version " + formatVersion
                        + " is not supported (this build holds version " + FORMAT_VERSION + "; older ones migrate when read)");
            }
            Objects.requireNonNull(range, "range");
            signals = List.copyOf(signals);
            if (signals.size() != Signal.values().length) {
                throw new IllegalArgumentException("likelihood state has " + signals.size() + " signals, expected "
                        + Signal.values().length);
            }
        }

        public Moments signal(Signal s) {
            return signals.get(s.ordinal());
        }
    }

    /**
     * The score for this window and the state after it; the window joins the statistics after scoring.
     * {@code newExtreme}: the score is at least {@value #NEW_EXTREME_SCORE} because a newest value lies beyond the
     * series' seen range.
     */
    public record Update(double score, State next, boolean newExtreme, DailyBaseline.Slot nextSlot) {
    }

    /**
     * The strongest score among the signals that are warm; 0.5 while none is; at least {@value #NEW_EXTREME_SCORE}
     * when some signal is warm and a newest value is a new extreme. A warm signal's value joins its statistics capped
     * at {@value #UPDATE_CAP_DEVIATIONS} standard deviations above their mean; the newest values join the seen range
     * after it was compared with them. A window without newest values leaves the range as it is.
     */
    public Update update(State s, WindowError e) {
        return update(s, e, Long.MIN_VALUE, null);
    }

    /**
     * As {@link #update(State, WindowError)}, with the {@link DailyBaseline}: {@code slot} is the series' slot of
     * {@code localEnd}'s time of day ({@link DailyBaseline.Slot#EMPTY} if it has none yet, null to leave the daily
     * baseline out); {@code localEnd} is the window's end in local epoch ms ({@link DailyClock#localMillis}; in UTC its
     * epoch ms). Each signal enters the statistics and the score as its excess over the slot's baseline; the
     * window's raw signals then join the slot, returned as {@link Update#nextSlot()} for the caller to store.
     */
    public Update update(State s, WindowError e, long localEnd, DailyBaseline.Slot slot) {
        Signal[] signals = Signal.values();
        double[] raw = new double[signals.length];
        for (Signal signal : signals) {
            raw[signal.ordinal()] = signal.of(e);
        }
        double[] baseline = slot == null ? null : slot.baseline(localEnd, signals.length);
        double score = -1;
        List<Moments> next = new ArrayList<>(signals.length);
        for (Signal signal : signals) {
            double x = raw[signal.ordinal()];
            if (baseline != null) {
                x = Math.max(0, x - baseline[signal.ordinal()]);
            }
            Moments m = s.signal(signal);
            if (m.count() >= warmUp) {
                score = Math.max(score, score(m, x));
                x = Math.min(x, m.mean() + UPDATE_CAP_DEVIATIONS * Math.sqrt(Math.max(m.variance(), MIN_VARIANCE)));
            }
            next.add(m.add(x, history));
        }
        double[] newest = e.newestObserved();
        boolean newExtreme = score >= 0 && newest != null && s.range().isNewExtreme(newest);
        if (newExtreme) {
            score = Math.max(score, NEW_EXTREME_SCORE);
        }
        SeenRange range = newest == null ? s.range() : s.range().including(newest);
        return new Update(score < 0 ? 0.5 : score, new State(State.FORMAT_VERSION, next, range), newExtreme,
                slot == null ? null : slot.including(localEnd, raw));
    }

    /** The log-scaled upper tail probability of {@code x} under the signal's mean and variance. */
    private static double score(Moments m, double x) {
        double z = (x - m.mean()) / Math.sqrt(Math.max(m.variance(), MIN_VARIANCE));
        return scoreOfDecades(negLog10Tail(z));
    }

    /** The score of a tail probability of 10^−decades: {@code 1 − exp(−decades/SCALE)} up to {@link #KNEE}, then slower. */
    static double scoreOfDecades(double decades) {
        if (decades <= KNEE) {
            return Math.max(0, 1 - Math.exp(-decades / SCALE));
        }
        return 1 - Math.exp(-KNEE / SCALE) * Math.pow(1 + Math.log(decades / KNEE), -KNEE / SCALE);
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
