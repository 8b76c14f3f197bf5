package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DailyBaselineMapperTest {
    static final Path GOLDEN = LikelihoodStateMapperTest.DIR.resolve("daily-baseline-v1.hex");

    /** A full slot: four days (2026-03-02 to 03-05, held out of order as a slot may hold them) of three signals. */
    static DailyBaseline.Slot full() {
        return new DailyBaseline.Slot(new long[] {20516, 20514, 20515, 20517},
                new double[][] {{0.25, 0.5, 0.125}, {1.5, 0.75, 0.0625}, {0.3, 2.0, 0.01}, {0, 0, 0}});
    }

    @Test
    void roundTripKeepsEveryDayAndMaximum() {
        assertEquals(full(), DailyBaselineMapper.fromBytes(DailyBaselineMapper.toBytes(full())));
        DailyBaseline.Slot one = DailyBaseline.Slot.EMPTY.including(DailyBaselineTest.at(0, "10:00"), new double[] {1, 2, 3});
        assertEquals(one, DailyBaselineMapper.fromBytes(DailyBaselineMapper.toBytes(one)));
    }

    @Test
    void anEmptySlotTakesThreeBytes() {
        byte[] bytes = DailyBaselineMapper.toBytes(DailyBaseline.Slot.EMPTY);
        assertArrayEquals(new byte[] {1, 0, 0}, bytes);
        assertEquals(DailyBaseline.Slot.EMPTY, DailyBaselineMapper.fromBytes(bytes));
    }

    /** Format 1 bytes committed to the repository: this release must keep reading them, and write the same. */
    @Test
    void goldenFormat1StillReads() throws Exception {
        String hex = HexFormat.of().formatHex(DailyBaselineMapper.toBytes(full()));
        if (!Files.exists(GOLDEN)) {
            Files.writeString(GOLDEN, hex + "\n");
        }
        DailyBaseline.Slot back = DailyBaselineMapper.fromBytes(HexFormat.of().parseHex(Files.readString(GOLDEN).trim()));
        assertArrayEquals(new long[] {20516, 20514, 20515, 20517}, back.days());
        assertArrayEquals(new double[] {1.5, 0.75, 0.0625}, back.maxima()[1]);
        assertEquals(full(), back);
        assertArrayEquals(new double[] {1.5, 2.0, 0.125}, back.baseline(DailyBaseline.DAY_MILLIS * 20517, 3),
                "the baseline of day 20517 is the maxima of the three days before it");
        assertEquals(hex, Files.readString(GOLDEN).trim(), "format 1 encoding is unchanged");
    }

    @Test
    void unknownFormatIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DailyBaselineMapper.fromBytes(new byte[] {2, 0, 0}));
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> DailyBaselineMapper.fromBytes(new byte[0]));
    }

    @Test
    void corruptLengthsAreRefused() {
        byte[] bytes = DailyBaselineMapper.toBytes(full());
        IllegalStateException cut = assertThrows(IllegalStateException.class,
                () -> DailyBaselineMapper.fromBytes(Arrays.copyOf(bytes, bytes.length - 8)));
        assertTrue(cut.getMessage().contains("4 days of 3 signals need 128 bytes after the header, found 120"), cut.getMessage());
        assertThrows(IllegalStateException.class, () -> DailyBaselineMapper.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)),
                "trailing bytes");
        byte[] tooManyDays = bytes.clone();
        tooManyDays[1] = 5;
        assertThrows(IllegalStateException.class, () -> DailyBaselineMapper.fromBytes(tooManyDays));
    }

    @Test
    void corruptContentIsRefused() {
        byte[] bytes = DailyBaselineMapper.toBytes(full());
        // Day 2 (offset 3 + 2 × 32) made equal to day 1: a slot holds a day once.
        System.arraycopy(bytes, 3 + 32, bytes, 3 + 2 * 32, Long.BYTES);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DailyBaselineMapper.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("corrupt daily-baseline slot"), e.getMessage());
    }
}
