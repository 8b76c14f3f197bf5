package io.vigil.stream;

import java.util.Arrays;

/**
 * One series' recent points: the last {@code T} timestamps and feature vectors in event-time order,
 * which steps hold carried-forward (imputed) values, the last known value of every feature, and how
 * many points arrived since the last scored window. A plain mutable object kept in a changelogged
 * store through {@link SeriesWindowMapper}; every field is persisted, so a restored task continues
 * exactly where it was.
 */
final class SeriesWindow {
    /** What happened to an offered point. */
    enum Outcome { ACCEPTED, LATE, DUPLICATE }

    final int capacity;
    final int features;
    /** Points held, oldest first, {@code size <= capacity}. */
    int size;
    final long[] timestamps;
    final float[] values;        // [capacity][features], row-major, oldest first
    final boolean[] imputed;     // per step: some value was carried forward
    final float[] lastValues;    // last known value per feature
    /** Points accepted since the last window was emitted for scoring. */
    int sinceScored;
    /** The newest timestamp ever accepted (may be newer than the buffer after a reset). */
    long newest = Long.MIN_VALUE;
    /** Last time any record (accepted or not) was seen, wall-clock ms; for idle expiry. */
    long lastSeenWallClock;

    SeriesWindow(int capacity, int features, float[] initialValues) {
        this.capacity = capacity;
        this.features = features;
        this.timestamps = new long[capacity];
        this.values = new float[capacity * features];
        this.imputed = new boolean[capacity];
        this.lastValues = initialValues.clone();
    }

    boolean full() {
        return size == capacity;
    }

    /**
     * Offers a point ({@code point[f]} NaN = feature absent). Returns LATE when it is older than the
     * grace allows or than a full buffer can place, DUPLICATE when its timestamp is already held.
     */
    Outcome offer(long ts, double[] point, WindowSettings s) {
        if (contains(ts)) {
            return Outcome.DUPLICATE;
        }
        if (newest != Long.MIN_VALUE && ts < newest) {
            long behind = newest - ts;
            boolean placeable = size > 0 && (!full() || ts > timestamps[0]);
            if (behind > s.grace().toMillis() || !placeable) {
                return Outcome.LATE;
            }
            insertInPlace(ts, point);
            sinceScored++;
            return Outcome.ACCEPTED;
        }
        if (size > 0 && ts - timestamps[size - 1] > s.maxGap().toMillis()) {
            if (s.gapPolicy() == WindowSettings.GapPolicy.RESET) {
                size = 0;
                sinceScored = 0;
            } else {
                fillGap(timestamps[size - 1], ts, s.samplingInterval().toMillis());
            }
        }
        append(ts, point);
        newest = ts;
        sinceScored++;
        return Outcome.ACCEPTED;
    }

    /** True when a full window is due for scoring under {@code hop}; resets the hop counter. */
    boolean takeDue(int hop) {
        if (full() && sinceScored >= hop) {
            sinceScored = 0;
            return true;
        }
        return false;
    }

    /** The current (full) window of {@code series} as it is queued for scoring: values, step times, imputed flag. */
    PendingWindow pending(String series) {
        float[] window = new float[capacity * features];
        copyTo(window, 0);
        return new PendingWindow(series, start(), end(), anyImputed(), capacity, features, window, times());
    }

    boolean anyImputed() {
        for (int i = 0; i < size; i++) {
            if (imputed[i]) {
                return true;
            }
        }
        return false;
    }

    long start() {
        return timestamps[0];
    }

    long end() {
        return timestamps[size - 1];
    }

    /** The current window's step timestamps, oldest first. */
    long[] times() {
        return Arrays.copyOf(timestamps, size);
    }

    /** Copies the current window ({@code capacity × features}) into {@code dest}. */
    void copyTo(float[] dest, int offset) {
        System.arraycopy(values, 0, dest, offset, capacity * features);
    }

    private boolean contains(long ts) {
        return Arrays.binarySearch(timestamps, 0, size, ts) >= 0;
    }

    private void append(long ts, double[] point) {
        if (full()) {
            shiftLeft();
        }
        write(size, ts, point);
        size++;
    }

    /** An out-of-order point within grace: goes in time order; the oldest point drops out if full. */
    private void insertInPlace(long ts, double[] point) {
        int pos = -(Arrays.binarySearch(timestamps, 0, size, ts) + 1);
        if (full()) {
            // Drop the oldest; everything before pos moves one step left.
            System.arraycopy(timestamps, 1, timestamps, 0, pos - 1);
            System.arraycopy(values, features, values, 0, (pos - 1) * features);
            System.arraycopy(imputed, 1, imputed, 0, pos - 1);
            pos--;
            size--;
        } else {
            System.arraycopy(timestamps, pos, timestamps, pos + 1, size - pos);
            System.arraycopy(values, pos * features, values, (pos + 1) * features, (size - pos) * features);
            System.arraycopy(imputed, pos, imputed, pos + 1, size - pos);
        }
        // Carry-forward for an inserted point uses the values of the point before it.
        float[] before = pos > 0 ? Arrays.copyOfRange(values, (pos - 1) * features, pos * features) : lastValues.clone();
        boolean imp = false;
        for (int f = 0; f < features; f++) {
            double v = point[f];
            boolean absent = Double.isNaN(v);
            imp |= absent;
            values[pos * features + f] = absent ? before[f] : (float) v;
        }
        timestamps[pos] = ts;
        imputed[pos] = imp;
        size++;
    }

    /** Steps at {@code last + k·step} strictly before {@code next}; only the newest window's worth. */
    private void fillGap(long last, long next, long step) {
        long kMax = (next - last - 1) / step;
        long missing = Math.min(capacity, kMax);
        for (long k = kMax - missing + 1; k <= kMax; k++) {
            if (full()) {
                shiftLeft();
            }
            timestamps[size] = last + k * step;
            System.arraycopy(lastValues, 0, values, size * features, features);
            imputed[size] = true;
            size++;
        }
    }

    private void write(int i, long ts, double[] point) {
        boolean imp = false;
        for (int f = 0; f < features; f++) {
            double v = point[f];
            if (Double.isNaN(v)) {
                imp = true;
                values[i * features + f] = lastValues[f];
            } else {
                values[i * features + f] = (float) v;
                lastValues[f] = (float) v;
            }
        }
        timestamps[i] = ts;
        imputed[i] = imp;
    }

    private void shiftLeft() {
        System.arraycopy(timestamps, 1, timestamps, 0, size - 1);
        System.arraycopy(values, features, values, 0, (size - 1) * features);
        System.arraycopy(imputed, 1, imputed, 0, size - 1);
        size--;
    }
}
