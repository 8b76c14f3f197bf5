package io.vigil.detect;

import java.util.Arrays;

/**
 * What the {@link StreamingLikelihood}'s signals were at the same time of day on the previous days: a series'
 * daily routine, so that a window is judged by how much it exceeds what this half hour usually brings rather than
 * by how it compares with the whole day. A busy hour whose errors are high every day — a cron job, the morning
 * ramp, the edge of a daily square wave — stops looking anomalous from its second day on, while the same errors
 * at a quiet hour still do.
 *
 * <p>The local day in the zone of key {@code likelihood.daily.zone} (default UTC; {@link DailyClock}) is cut into
 * {@link #SLOTS_PER_DAY} slots of {@link #SLOT_MILLIS}; per series and slot a {@link Slot} keeps the largest value of
 * each signal on each of the last {@link #DAYS} days and today. A window's
 * <em>baseline</em> is the largest value of its slot over the previous {@link #DAYS} days (today excluded), and
 * each signal enters the likelihood as its excess over the baseline, {@code max(0, x − baseline)}. A slot with no
 * earlier day has no baseline, and its signals enter unchanged: the first day of a series is judged as before.
 *
 * <p>Measured on NAB (docs/benchmarks.md#nab, the models of three training seeds rescored offline, then
 * confirmed by harness runs): every variant tried, slots of 15 minutes to 2 hours over 1 to 7 previous days,
 * by rows or by clock time, raised the standard score, from 56.8 to 59–64; 30-minute slots over 3 days 62.9, in
 * the middle of that plateau. A slot holds {@code (DAYS + 1) × (1 + signals)} numbers, kept per slot rather than
 * in the series' likelihood state so that each window writes one small slot.
 *
 * <p>Times here are <em>local epoch milliseconds</em> ({@link DailyClock#localMillis}): a window end's local date and
 * time read as if they were UTC, equal to its epoch ms in UTC. So slots are local half hours and day numbers local
 * epoch days, and across a daylight-saving change a routine at 08:00 local time stays in its slot. On the 23-hour day
 * the skipped hour's two slots are simply absent; on the 25-hour day the repeated hour's windows join the same two
 * slots, of the same day, as the first pass through it (their maxima are that day's over both passes). Changing the
 * zone of a running deployment re-labels slots and days: the baseline is off until {@link #DAYS} days have passed.
 */
public final class DailyBaseline {
    /** The width of a time-of-day slot: 30 minutes. */
    public static final long SLOT_MILLIS = 30 * 60 * 1000L;
    public static final long DAY_MILLIS = 24 * 60 * 60 * 1000L;
    public static final int SLOTS_PER_DAY = (int) (DAY_MILLIS / SLOT_MILLIS);
    /** How many previous days a baseline looks back. */
    public static final int DAYS = 3;

    private DailyBaseline() {
    }

    /**
     * The time-of-day slot of a window ending at {@code localEnd} (local epoch ms, see the class comment; in UTC the
     * epoch ms itself), 0 to {@link #SLOTS_PER_DAY} − 1. {@link DailyClock#slotOf} takes epoch ms.
     */
    public static int slotOf(long localEnd) {
        return (int) (Math.floorMod(localEnd, DAY_MILLIS) / SLOT_MILLIS);
    }

    /** The local day number of {@code localEnd} (local epoch ms): days since 1970-01-01 in the zone's calendar. */
    static long dayOf(long localEnd) {
        return Math.floorDiv(localEnd, DAY_MILLIS);
    }

    /**
     * One slot of one series: for up to {@link #DAYS} + 1 days (local day numbers, in no particular order) the largest
     * value each signal reached in this slot that day. {@link #EMPTY} has no days yet. Arrays are copied in and out.
     */
    public record Slot(long[] days, double[][] maxima) {
        public static final Slot EMPTY = new Slot(new long[0], new double[0][]);

        public Slot {
            if (days.length != maxima.length || days.length > DAYS + 1) {
                throw new IllegalArgumentException("a daily-baseline slot holds up to " + (DAYS + 1) + " days with one set of"
                        + " maxima each, got " + days.length + " days and " + maxima.length + " sets");
            }
            double[][] copy = new double[maxima.length][];
            for (int i = 0; i < maxima.length; i++) {
                if (maxima[i].length != (i == 0 ? maxima[0].length : copy[0].length)) {
                    throw new IllegalArgumentException("daily-baseline slot: day " + days[i] + " has " + maxima[i].length
                            + " signals, day " + days[0] + " has " + maxima[0].length);
                }
                for (double m : maxima[i]) {
                    if (!Double.isFinite(m)) {
                        throw new IllegalArgumentException("daily-baseline slot: day " + days[i] + " has a maximum of " + m);
                    }
                }
                copy[i] = maxima[i].clone();
            }
            for (int i = 0; i < days.length; i++) {
                for (int j = i + 1; j < days.length; j++) {
                    if (days[i] == days[j]) {
                        throw new IllegalArgumentException("daily-baseline slot holds day " + days[i] + " twice");
                    }
                }
            }
            days = days.clone();
            maxima = copy;
        }

        /** Signals per day (0 while the slot is empty). */
        public int signals() {
            return maxima.length == 0 ? 0 : maxima[0].length;
        }

        @Override
        public long[] days() {
            return days.clone();
        }

        @Override
        public double[][] maxima() {
            double[][] copy = new double[maxima.length][];
            for (int i = 0; i < maxima.length; i++) {
                copy[i] = maxima[i].clone();
            }
            return copy;
        }

        /**
         * The largest value of each signal in this slot over the {@link #DAYS} days before {@code localEnd}'s day (local
         * epoch ms), or null when none of them is held (or the slot holds another number of signals: a state from
         * another release).
         */
        public double[] baseline(long localEnd, int signals) {
            long today = dayOf(localEnd);
            double[] base = null;
            for (int i = 0; i < days.length; i++) {
                if (counts(i, today, signals)) {
                    if (base == null) {
                        base = maxima[i].clone();
                    } else {
                        for (int s = 0; s < signals; s++) {
                            base[s] = Math.max(base[s], maxima[i][s]);
                        }
                    }
                }
            }
            return base;
        }

        /**
         * With {@code values} joined to {@code localEnd}'s day (local epoch ms): its maxima rise to them, or, a new day,
         * it joins the days that still count for a baseline (the {@link #DAYS} before it; older days, and days with
         * another number of signals, are dropped).
         */
        public Slot including(long localEnd, double[] values) {
            long today = dayOf(localEnd);
            for (int i = 0; i < days.length; i++) {
                if (days[i] == today && maxima[i].length == values.length) {
                    double[][] next = maxima.clone();
                    next[i] = maxima[i].clone();
                    for (int s = 0; s < values.length; s++) {
                        next[i][s] = Math.max(next[i][s], values[s]);
                    }
                    return new Slot(days, next);
                }
            }
            // At most DAYS distinct days lie in [today − DAYS, today), so today always fits beside them.
            long[] nextDays = new long[DAYS + 1];
            double[][] nextMaxima = new double[DAYS + 1][];
            int held = 0;
            for (int i = 0; i < days.length; i++) {
                if (counts(i, today, values.length)) {
                    nextDays[held] = days[i];
                    nextMaxima[held++] = maxima[i];
                }
            }
            nextDays[held] = today;
            nextMaxima[held++] = values;
            return new Slot(Arrays.copyOf(nextDays, held), Arrays.copyOf(nextMaxima, held));
        }

        /** Whether held day {@code i} is one of the {@link #DAYS} before {@code today}, with {@code signals} maxima. */
        private boolean counts(int i, long today, int signals) {
            return days[i] < today && days[i] >= today - DAYS && maxima[i].length == signals;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && Arrays.equals(days, s.days) && Arrays.deepEquals(maxima, s.maxima);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(days) + Arrays.deepHashCode(maxima);
        }

        @Override
        public String toString() {
            return "Slot[days=" + Arrays.toString(days) + ", maxima=" + Arrays.deepToString(maxima) + "]";
        }
    }
}
