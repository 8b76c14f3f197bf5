package io.vigil.detect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored forms of a {@link StreamingLikelihood.State}. Format 3 (written, tag byte {@value #FORMAT_3}: tag 3 is
 * {@link SpotStateMapper SPOT's}): the tag, the number of signals, per signal its count (long), mean and variance
 * (doubles), then the {@link SeenRange}: its number of features (int, 0 before the first value) and per feature
 * its min and max (doubles). Format 2 (read only, from releases without the seen range): the same without the
 * range; it reads with {@link SeenRange#NONE}, so the range starts from the next window and the new-extreme rule
 * fires from the window after. Format 1 (read only, from releases that watched the window error alone through a
 * sliding window of logged errors): the format byte, the ring's capacity, count and head, its running sums, then
 * the ring; it migrates by replaying the ring's errors, oldest first, into the window-error signal with the ring's
 * capacity as horizon — so the series keeps its warm history — while the two newer signals start empty and warm
 * up, and the range starts empty too. A reader refuses other formats.
 */
public final class LikelihoodStateMapper {
    static final byte FORMAT_1 = 1;
    static final byte FORMAT_2 = 2;
    /** Format 3's tag: 3 is taken by SPOT's format 1, and one store holds either kind. */
    static final byte FORMAT_3 = 4;

    private LikelihoodStateMapper() {
    }

    public static byte[] toBytes(StreamingLikelihood.State s) {
        SeenRange range = s.range();
        ByteBuffer b = ByteBuffer.allocate(2 + s.signals().size() * (8 * 3) + 4 + range.features() * (8 * 2));
        b.put(FORMAT_3).put((byte) s.signals().size());
        for (StreamingLikelihood.Moments m : s.signals()) {
            b.putLong(m.count()).putDouble(m.mean()).putDouble(m.variance());
        }
        double[] min = range.min();
        double[] max = range.max();
        b.putInt(min.length);
        for (int f = 0; f < min.length; f++) {
            b.putDouble(min[f]).putDouble(max[f]);
        }
        return b.array();
    }

    public static StreamingLikelihood.State fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format == FORMAT_1) {
            return fromFormat1(b);
        }
        if (format != FORMAT_2 && format != FORMAT_3) {
            throw new IllegalStateException("likelihood state has format tag " + format + "; this release reads tags "
                    + FORMAT_1 + ", " + FORMAT_2 + " and " + FORMAT_3 + " (formats 1 to 3)");
        }
        int signals = b.get();
        List<StreamingLikelihood.Moments> moments = new ArrayList<>();
        for (int i = 0; i < signals; i++) {
            moments.add(new StreamingLikelihood.Moments(b.getLong(), b.getDouble(), b.getDouble()));
        }
        SeenRange range = format == FORMAT_3 ? range(b) : SeenRange.NONE;
        return new StreamingLikelihood.State(StreamingLikelihood.State.FORMAT_VERSION, moments, range);
    }

    private static SeenRange range(ByteBuffer b) {
        int features = b.getInt();
        if (features < 0 || features > b.remaining() / 16) {
            throw new IllegalStateException("corrupt likelihood state: a seen range of " + features + " features in "
                    + b.remaining() + " remaining bytes");
        }
        double[] min = new double[features];
        double[] max = new double[features];
        for (int f = 0; f < features; f++) {
            min[f] = b.getDouble();
            max[f] = b.getDouble();
        }
        return new SeenRange(min, max);
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
        return new StreamingLikelihood.State(StreamingLikelihood.State.FORMAT_VERSION, signals, SeenRange.NONE);
    }
}
