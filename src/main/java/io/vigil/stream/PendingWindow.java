package io.vigil.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A full window waiting for its batch to be scored, with each step's timestamp ({@code times}, from which a
 * model with time features derives its calendar inputs). It is written to a changelogged store in the same
 * transaction as the input record that completed it, and deleted in the transaction that emits its
 * score, so a crash between the two neither loses nor duplicates it.
 *
 * <p>Stored as format 3: the format byte, the series (length-prefixed UTF-8), start, end, the imputed flag,
 * window, features, the {@code window × features} values, then a byte saying how the step times are kept:
 * {@value #TIMES_EVEN} when every step lies at {@code start + i·(end − start)/(window − 1)} (a series sampled at
 * a fixed interval, steps filled into a gap at that interval included), so nothing more is written, or
 * {@value #TIMES_LISTED} followed by the {@code window} times. The writer lists the times whenever
 * {@link #evenTime} does not give back every one of them, so a read returns exactly the times format 2 would
 * have held, whatever the series, and which model is active (with time features or not, swapped live or not)
 * plays no part. For a 32-step window of 4 features and series {@code web-1}, that is 548 bytes against 803 in
 * format 2 (−32%); an irregular window takes 804. The alternative, writing times only while the active model
 * takes time features, would have made a live swap to such a model compute from times the store never kept.
 *
 * <p>Earlier formats still read: format 2 always lists the times; format 1 (before step times were kept)
 * spreads its steps evenly from {@code start} to {@code end}, which is exact for regularly sampled series and
 * only matters for a model with time features.
 */
record PendingWindow(String series, long start, long end, boolean imputed, int window, int features, float[] values, long[] times) {
    static final byte FORMAT_1 = 1;
    static final byte FORMAT_2 = 2;
    static final byte FORMAT_3 = 3;
    /** Format 3's times byte: the steps are evenly spaced from start to end, no times follow. */
    static final byte TIMES_EVEN = 0;
    /** Format 3's times byte: the {@code window} step times follow. */
    static final byte TIMES_LISTED = 1;
    /** Format byte, series length, start, end, imputed, window, features. */
    private static final int HEADER_BYTES = 1 + Integer.BYTES + 2 * Long.BYTES + 1 + 2 * Integer.BYTES;

    PendingWindow {
        if (window < 1 || features < 1 || values.length != window * features || times.length != window) {
            throw new IllegalArgumentException("a pending window of " + window + " steps and " + features + " features needs "
                    + window * features + " values and " + window + " times, got " + values.length + " and " + times.length);
        }
    }

    /** Store key: series and window end, so a series' pending windows sort in time order. */
    String key() {
        return key(series, end);
    }

    static String key(String series, long end) {
        return series + '\u0000' + String.format("%019d", end);
    }

    byte[] toBytes() {
        byte[] s = series.getBytes(StandardCharsets.UTF_8);
        boolean even = evenlySpaced();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + s.length + values.length * Float.BYTES + 1 + (even ? 0 : window * Long.BYTES));
        b.put(FORMAT_3).putInt(s.length).put(s).putLong(start).putLong(end).put((byte) (imputed ? 1 : 0))
                .putInt(window).putInt(features);
        for (float v : values) {
            b.putFloat(v);
        }
        b.put(even ? TIMES_EVEN : TIMES_LISTED);
        if (!even) {
            for (long t : times) {
                b.putLong(t);
            }
        }
        return b.array();
    }

    /** Whether {@link #evenTime} gives back every step's time exactly (the test the reader's reconstruction relies on). */
    private boolean evenlySpaced() {
        long step = evenStep(start, end, window);
        for (int i = 0; i < window; i++) {
            if (times[i] != evenTime(start, step, i)) {
                return false;
            }
        }
        return true;
    }

    /** The step of a format 3 window whose steps are evenly spaced: integer arithmetic, exact for a regular series. */
    private static long evenStep(long start, long end, int window) {
        return window < 2 ? 0 : (end - start) / (window - 1);
    }

    /** Step {@code i}'s time in a format 3 window whose steps are evenly spaced. */
    private static long evenTime(long start, long step, int i) {
        return start + i * step;
    }

    static PendingWindow fromBytes(byte[] bytes) {
        try {
            return read(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException e) {
            throw corrupt(bytes.length + " bytes end before the window does");
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static PendingWindow read(ByteBuffer b) {
        byte format = b.get();
        if (format != FORMAT_1 && format != FORMAT_2 && format != FORMAT_3) {
            throw new IllegalStateException("pending window has format " + format + "; this release reads formats " + FORMAT_1 + " to "
                    + FORMAT_3 + " (state written by a newer Vigil?)");
        }
        int seriesLength = b.getInt();
        if (seriesLength < 0 || seriesLength > b.remaining()) {
            throw corrupt("a series name of " + seriesLength + " bytes in " + b.remaining() + " remaining");
        }
        byte[] s = new byte[seriesLength];
        b.get(s);
        long start = b.getLong();
        long end = b.getLong();
        boolean imputed = b.get() != 0;
        int window = b.getInt();
        int features = b.getInt();
        if (window < 1 || features < 1 || (long) window * features * Float.BYTES > b.remaining()) {
            throw corrupt(window + " steps of " + features + " features in " + b.remaining() + " remaining bytes");
        }
        float[] values = new float[window * features];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getFloat();
        }
        long[] times = times(b, format, start, end, window);
        if (b.hasRemaining()) {
            throw corrupt(b.remaining() + " bytes left over after the window");
        }
        return new PendingWindow(new String(s, StandardCharsets.UTF_8), start, end, imputed, window, features, values, times);
    }

    /** The step times as the format keeps them: format 1 never had them, format 2 lists them, format 3 says which. */
    private static long[] times(ByteBuffer b, byte format, long start, long end, int window) {
        byte kept = format == FORMAT_3 ? b.get() : format == FORMAT_2 ? TIMES_LISTED : TIMES_EVEN;
        if (kept != TIMES_EVEN && kept != TIMES_LISTED) {
            throw corrupt("step times kept as " + kept + ", expected " + TIMES_EVEN + " (evenly spaced) or " + TIMES_LISTED + " (listed)");
        }
        long[] times = new long[window];
        long step = evenStep(start, end, window);
        for (int i = 0; i < window; i++) {
            if (kept == TIMES_LISTED) {
                times[i] = b.getLong();
            } else {
                times[i] = format == FORMAT_1 ? format1Time(start, end, window, i) : evenTime(start, step, i);
            }
        }
        return times;
    }

    /** Format 1's guess at step {@code i}: spread evenly from {@code start} to {@code end}, rounded. */
    private static long format1Time(long start, long end, int window, int i) {
        return window < 2 ? end : start + Math.round((double) (end - start) * i / (window - 1));
    }

    private static IllegalStateException corrupt(String detail) {
        return new IllegalStateException("corrupt pending window: " + detail);
    }

    static Serde<PendingWindow> serde() {
        Serializer<PendingWindow> ser = (topic, p) -> p == null ? null : p.toBytes();
        Deserializer<PendingWindow> de = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(ser, de);
    }
}
