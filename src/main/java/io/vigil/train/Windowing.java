package io.vigil.train;

import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts history into fixed-length windows. Each series is split in time: its last
 * {@code ceil(valFraction * n)} rows validate and the rows before them train, and no window
 * crosses that boundary, so validation never sees a training row. Windows also never cross
 * series, nor a step between consecutive rows larger than {@code maxGap}: a window spanning an
 * outage would teach the model a jump that is not in the data. When {@code maxGap} is not given it
 * is {@value #AUTO_GAP_FACTOR} times the median step between consecutive rows over all series,
 * which tolerates jitter and a few lost samples but not an outage.
 */
public final class Windowing {
    /** Auto max gap = this many median sampling intervals. */
    public static final int AUTO_GAP_FACTOR = 3;
    /** The validation fraction must stay below this, so that most of the data trains. */
    public static final double MAX_VAL_FRACTION = 0.9;
    /** Absorbs binary rounding in {@code valFraction * n} (0.3 * 10 is 3.0000000000000004). */
    private static final double SPLIT_EPSILON = 1e-9;

    private Windowing() {
    }

    /**
     * Plans training and validation windows, starting at each gap-free segment's first row and
     * stepping by {@code stride}. Statistics come from every training row (also rows in segments
     * too short for a window), never from validation rows.
     *
     * @param maxGap the largest allowed step between consecutive rows in a window; null = auto
     * @throws InputException for bad parameters, or when no training (or, with
     *     {@code valFraction > 0}, no validation) window fits, with what to change
     */
    public static WindowPlan plan(History h, int window, int stride, Duration maxGap, double valFraction) {
        checkParameters(window, stride, maxGap, valFraction);
        Duration interval = medianInterval(h);
        Duration gap = maxGap != null ? maxGap : interval.multipliedBy(AUTO_GAP_FACTOR);
        int features = h.features().size();
        WindowCollector train = new WindowCollector(window, features, stride, gap.toMillis());
        WindowCollector validation = new WindowCollector(window, features, stride, gap.toMillis());
        List<float[]> trainRows = new ArrayList<>();
        for (SeriesHistory s : h.series()) {
            int n = s.size();
            int trainEnd = n - validationRows(n, valFraction);
            train.add(s, 0, trainEnd);
            validation.add(s, trainEnd, n);
            trainRows.addAll(Arrays.asList(s.values()).subList(0, trainEnd));
        }
        String gapText = maxGap != null ? "now " + Durations.format(gap)
                : "now " + Durations.format(gap) + ", " + AUTO_GAP_FACTOR + " x the median interval "
                        + Durations.format(interval);
        if (train.count() == 0) {
            throw new InputException("no training windows: series \"" + train.longestSeries() + "\"" + origin(h, train.longestSeries()) + " has "
                    + train.longestRun() + " rows in its longest gap-free training run, and --window is " + window
                    + "; use a smaller --window or a larger --max-gap (" + gapText + ")");
        }
        if (valFraction > 0 && validation.count() == 0) {
            throw new InputException("no validation windows: the validation part (the last "
                    + Math.round(valFraction * 100) + "% of each series) has " + validation.rows() + " rows, "
                    + "its longest gap-free run is " + validation.longestRun() + " (series \""
                    + validation.longestSeries() + "\"), and a window needs " + window
                    + " consecutive rows; use a larger --val-fraction, a smaller --window, a larger --max-gap ("
                    + gapText + "), or --val-fraction 0 to skip validation");
        }
        return new WindowPlan(train.build(), validation.build(), FeatureStats.of(trainRows), gap, interval);
    }

    /**
     * The rows that can end a window of {@code window} rows without a step larger than
     * {@code maxGap} inside it, ascending: where a scorer hopping one row at a time emits a score.
     */
    public static int[] windowEnds(SeriesHistory s, int window, Duration maxGap) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        long gap = Objects.requireNonNull(maxGap, "maxGap").toMillis();
        long[] ts = s.timestamps();
        int[] ends = new int[Math.max(0, s.size() - window + 1)];
        int count = 0;
        int run = 0;
        for (int i = 0; i < ts.length; i++) {
            run = i > 0 && ts[i] - ts[i - 1] <= gap ? run + 1 : 1;
            if (run >= window) {
                ends[count++] = i;
            }
        }
        return Arrays.copyOf(ends, count);
    }

    /** Copies rows {@code end - window + 1 .. end} of {@code s} into {@code dest} as {@code [t][f]}. */
    public static void copyWindow(SeriesHistory s, int end, int window, float[] dest, int destOffset) {
        int start = end - window + 1;
        if (window < 1 || start < 0 || end >= s.size()) {
            throw new IndexOutOfBoundsException("window of " + window + " rows ending at row " + end
                    + " does not fit series \"" + s.id() + "\" of " + s.size() + " rows");
        }
        int offset = destOffset;
        for (int row = start; row <= end; row++) {
            float[] values = s.values()[row];
            System.arraycopy(values, 0, dest, offset, values.length);
            offset += values.length;
        }
    }

    /** How many of a series' {@code n} rows validate: {@code ceil(valFraction * n)}. */
    static int validationRows(int n, double valFraction) {
        return (int) Math.ceil(valFraction * n - SPLIT_EPSILON);
    }

    /**
     * The median step between consecutive rows over all series (the mean of the two middle steps
     * for an even count); zero when no series has two rows.
     */
    static Duration medianInterval(History h) {
        long[] steps = new long[(int) Math.max(0, h.rowCount())];
        int count = 0;
        for (SeriesHistory s : h.series()) {
            long[] ts = s.timestamps();
            for (int i = 1; i < ts.length; i++) {
                steps[count++] = ts[i] - ts[i - 1];
            }
        }
        if (count == 0) {
            return Duration.ZERO;
        }
        Arrays.sort(steps, 0, count);
        long median = count % 2 == 1 ? steps[count / 2] : (steps[count / 2 - 1] + steps[count / 2]) / 2;
        return Duration.ofMillis(median);
    }

    private static void checkParameters(int window, int stride, Duration maxGap, double valFraction) {
        if (window < 2) {
            throw new InputException("--window is " + window + ", expected at least 2 rows");
        }
        if (stride < 1) {
            throw new InputException("--stride is " + stride + ", expected at least 1 row");
        }
        if (maxGap != null && (maxGap.isNegative() || maxGap.isZero())) {
            throw new InputException("--max-gap is " + maxGap + ", expected a positive duration such as 15m");
        }
        if (!(valFraction >= 0 && valFraction < MAX_VAL_FRACTION)) {
            throw new InputException("--val-fraction is " + valFraction + ", expected at least 0 and below "
                    + MAX_VAL_FRACTION);
        }
    }

    /** " (from cpu.csv)": which file a series came from, for error messages. */
    private static String origin(History h, String seriesId) {
        for (SeriesHistory s : h.series()) {
            if (s.id().equals(seriesId) && s.size() > 0) {
                return " (from " + s.sources()[0] + ")";
            }
        }
        return "";
    }
}
