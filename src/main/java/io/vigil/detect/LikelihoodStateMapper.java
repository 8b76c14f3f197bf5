package io.vigil.detect;

import java.nio.ByteBuffer;

/**
 * The stored form of a {@link StreamingLikelihood.State}: a format byte, the ring's capacity, count and
 * head, the running sums, then the ring. A reader refuses a format it does not know.
 */
public final class LikelihoodStateMapper {
    static final byte FORMAT_1 = 1;

    private LikelihoodStateMapper() {
    }

    public static byte[] toBytes(StreamingLikelihood.State s) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * 3 + 8 * 2 + 8 * s.ring().length);
        b.put(FORMAT_1).putInt(s.ring().length).putInt(s.count()).putInt(s.head()).putDouble(s.sum()).putDouble(s.sumSquares());
        for (double v : s.ring()) {
            b.putDouble(v);
        }
        return b.array();
    }

    public static StreamingLikelihood.State fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT_1) {
            throw new IllegalStateException("likelihood state has format " + format + "; this release reads format " + FORMAT_1);
        }
        int capacity = b.getInt();
        int count = b.getInt();
        int head = b.getInt();
        if (capacity < 2 || count < 0 || count > capacity || head < 0 || head >= capacity) {
            throw new IllegalStateException("corrupt likelihood state: capacity " + capacity + ", count " + count + ", head " + head);
        }
        double sum = b.getDouble();
        double sq = b.getDouble();
        double[] ring = new double[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = b.getDouble();
        }
        return new StreamingLikelihood.State(1, ring, count, head, sum, sq);
    }
}
