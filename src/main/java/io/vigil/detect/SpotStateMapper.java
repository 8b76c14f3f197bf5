package io.vigil.detect;

import java.nio.ByteBuffer;

/**
 * The stored form of a {@link Spot.State}, format 1: a tag byte ({@value #FORMAT_1}, distinct from the
 * likelihood's formats so one store can hold either), the initial threshold, errors counted and peaks seen
 * (longs), the fitted shape and scale, the number of peaks kept and the peaks, oldest first.
 */
public final class SpotStateMapper {
    static final byte FORMAT_1 = 3;

    private SpotStateMapper() {
    }

    public static byte[] toBytes(Spot.State s) {
        double[] peaks = s.peaks();
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 8 + 8 + 8 + 4 + 8 * peaks.length);
        b.put(FORMAT_1).putDouble(s.threshold()).putLong(s.count()).putLong(s.peaksSeen()).putDouble(s.shape()).putDouble(s.scale())
                .putInt(peaks.length);
        for (double p : peaks) {
            b.putDouble(p);
        }
        return b.array();
    }

    public static Spot.State fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT_1) {
            throw new IllegalStateException("SPOT state has format tag " + format + "; this release reads " + FORMAT_1);
        }
        double threshold = b.getDouble();
        long count = b.getLong();
        long seen = b.getLong();
        double shape = b.getDouble();
        double scale = b.getDouble();
        int n = b.getInt();
        if (n < 1 || n > Spot.MAX_PEAKS || b.remaining() != 8L * n) {
            throw new IllegalStateException("corrupt SPOT state: " + n + " peaks in " + b.remaining() + " bytes");
        }
        double[] peaks = new double[n];
        for (int i = 0; i < n; i++) {
            peaks[i] = b.getDouble();
        }
        try {
            return new Spot.State(1, threshold, count, seen, peaks, shape, scale);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt SPOT state: " + e.getMessage(), e);
        }
    }
}
