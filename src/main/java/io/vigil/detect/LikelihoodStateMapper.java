package io.vigil.detect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored forms of a {@link StreamingLikelihood.State}. Format 2 (written): the format byte, the number of
 * signals, then per signal its count (long), mean and variance (doubles). Format 1 (read only, from releases
 * that watched the window error alone through a sliding window of logged errors): the format byte, the ring's
 * capacity, count and head, its running sums, then the ring; it migrates to format 2 by replaying the ring's
 * errors, oldest first, into the window-error signal with the ring's capacity as horizon — so the series keeps
 * its warm history — while the two newer signals start empty and warm up. A reader refuses other formats.
 */
public final class LikelihoodStateMapper {
    static final byte FORMAT_1 = 1;
    static final byte FORMAT_2 = 2;

    private LikelihoodStateMapper() {
    }

    public static byte[] toBytes(StreamingLikelihood.State s) {
        ByteBuffer b = ByteBuffer.allocate(2 + s.signals().size() * (8 * 3));
        b.put(FORMAT_2).put((byte) s.signals().size());
        for (StreamingLikelihood.Moments m : s.signals()) {
            b.putLong(m.count()).putDouble(m.mean()).putDouble(m.variance());
        }
        return b.array();
    }

    public static StreamingLikelihood.State fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format == FORMAT_1) {
            return fromFormat1(b);
        }
        if (format != FORMAT_2) {
            throw new IllegalStateException("likelihood state has format " + format + "; this release reads formats "
                    + FORMAT_1 + " and " + FORMAT_2);
        }
        int signals = b.get();
        List<StreamingLikelihood.Moments> moments = new ArrayList<>();
        for (int i = 0; i < signals; i++) {
            moments.add(new StreamingLikelihood.Moments(b.getLong(), b.getDouble(), b.getDouble()));
        }
        return new StreamingLikelihood.State(2, moments);
    }

    private static StreamingLikelihood.State fromFormat1(ByteBuffer b) {
        int capacity = b.getInt();
        int count = b.getInt();
        int head = b.getInt();
        if (capacity < 2 || count < 0 || count > capacity || head < 0 || head >= capacity) {
            throw new IllegalStateException("corrupt likelihood state: capacity " + capacity + ", count " + count + ", head " + head);
        }
        b.getDouble(); // the running sums, recomputed below
        b.getDouble();
        double[] ring = new double[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = b.getDouble();
        }
        StreamingLikelihood.Moments errors = StreamingLikelihood.Moments.EMPTY;
        for (int k = 0; k < count; k++) {
            // format 1 kept log errors; the oldest of `count` values sits `count` places behind the head
            errors = errors.add(Math.exp(ring[Math.floorMod(head - count + k, capacity)]), capacity);
        }
        List<StreamingLikelihood.Moments> signals = new ArrayList<>(StreamingLikelihood.State.EMPTY.signals());
        signals.set(StreamingLikelihood.Signal.WINDOW_ERROR.ordinal(), errors);
        return new StreamingLikelihood.State(2, signals);
    }
}
