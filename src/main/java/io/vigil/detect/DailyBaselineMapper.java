package io.vigil.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The stored form of a {@link DailyBaseline.Slot}. Format 1 (tag byte {@value #FORMAT_1}): the tag, the number of
 * days (byte), the number of signals (byte), then per day its local day number (long: days since 1970-01-01 in the
 * zone of {@code likelihood.daily.zone}, UTC by default) and its maxima, one double per signal. A reader refuses other
 * formats, and bytes whose length does not match the counts.
 */
public final class DailyBaselineMapper {
    static final byte FORMAT_1 = 1;
    private static final int HEADER_BYTES = 3;

    private DailyBaselineMapper() {
    }

    public static byte[] toBytes(DailyBaseline.Slot slot) {
        long[] days = slot.days();
        double[][] maxima = slot.maxima();
        int signals = slot.signals();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + days.length * dayBytes(signals));
        b.put(FORMAT_1).put((byte) days.length).put((byte) signals);
        for (int d = 0; d < days.length; d++) {
            b.putLong(days[d]);
            for (double m : maxima[d]) {
                b.putDouble(m);
            }
        }
        return b.array();
    }

    public static DailyBaseline.Slot fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalStateException("corrupt daily-baseline slot: " + bytes.length + " bytes, shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT_1) {
            throw new IllegalStateException("daily-baseline slot has format " + format + "; this release reads format " + FORMAT_1);
        }
        int days = Byte.toUnsignedInt(b.get());
        int signals = Byte.toUnsignedInt(b.get());
        if (days > DailyBaseline.DAYS + 1 || b.remaining() != days * dayBytes(signals)) {
            throw new IllegalStateException("corrupt daily-baseline slot: " + days + " days of " + signals + " signals need "
                    + days * dayBytes(signals) + " bytes after the header, found " + b.remaining() + " (at most "
                    + (DailyBaseline.DAYS + 1) + " days)");
        }
        long[] dayNumbers = new long[days];
        double[][] maxima = new double[days][signals];
        try {
            for (int d = 0; d < days; d++) {
                dayNumbers[d] = b.getLong();
                for (int s = 0; s < signals; s++) {
                    maxima[d][s] = b.getDouble();
                }
            }
            return new DailyBaseline.Slot(dayNumbers, maxima);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new IllegalStateException("corrupt daily-baseline slot: " + e.getMessage(), e);
        }
    }

    private static int dayBytes(int signals) {
        return Long.BYTES + signals * Double.BYTES;
    }
}
