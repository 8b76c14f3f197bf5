package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A pending window keeps every step's time through the store: format 3 writes them only when the steps are not
 * evenly spaced, and gives back exactly the times it was given either way; windows of formats 2 and 1 still read,
 * and corrupt bytes are refused with a message that says so.
 */
class PendingWindowTest {
    private static final Path RESOURCES = Path.of("src/test/resources/io/vigil/stream");
    private static final Path GOLDEN_V1 = RESOURCES.resolve("pending-window-v1.hex");
    private static final Path GOLDEN_V2 = RESOURCES.resolve("pending-window-v2.hex");
    private static final Path GOLDEN_V3_REGULAR = RESOURCES.resolve("pending-window-v3-regular.hex");
    private static final Path GOLDEN_V3_IRREGULAR = RESOURCES.resolve("pending-window-v3-irregular.hex");
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 60_000L;
    private static final float[] VALUES = {0.5f, 0.6f, 0.51f, 0.61f, 0.52f, 0.62f, 0.53f, 0.63f};

    /** Four steps of two features, with an irregular step (the third point came 90 s after the second). */
    private static PendingWindow irregular() {
        return new PendingWindow("web-1", T0, T0 + 210_000, true, 4, 2, VALUES, new long[] {T0, T0 + STEP, T0 + 150_000, T0 + 210_000});
    }

    /** Four steps of two features, one a minute. */
    private static PendingWindow regular() {
        return new PendingWindow("web-1", T0, T0 + 3 * STEP, false, 4, 2, VALUES, new long[] {T0, T0 + STEP, T0 + 2 * STEP, T0 + 3 * STEP});
    }

    /** The demo model's shape: 32 steps of 4 features, at {@code times}. */
    private static PendingWindow demoShaped(long[] times) {
        float[] values = new float[32 * 4];
        Arrays.fill(values, 0.5f);
        return new PendingWindow("web-1", times[0], times[31], false, 32, 4, values, times);
    }

    private static PendingWindow roundTrip(PendingWindow p) {
        return PendingWindow.serde().deserializer().deserialize("pending", PendingWindow.serde().serializer().serialize("pending", p));
    }

    private static void assertSame(PendingWindow expected, PendingWindow actual) {
        assertEquals(expected.key(), actual.key());
        assertEquals(expected.start(), actual.start());
        assertEquals(expected.imputed(), actual.imputed());
        assertEquals(expected.window(), actual.window());
        assertEquals(expected.features(), actual.features());
        assertArrayEquals(expected.values(), actual.values());
        assertArrayEquals(expected.times(), actual.times());
    }

    @Test
    void evenlySpacedStepsAreNotWrittenAndComeBackExactly() {
        PendingWindow p = regular();
        assertSame(p, roundTrip(p));
        assertEquals(irregular().toBytes().length - 4 * Long.BYTES, p.toBytes().length, "no step times written");
    }

    @Test
    void irregularStepsAreWrittenAndComeBackExactly() {
        assertSame(irregular(), roundTrip(irregular()));
    }

    @Test
    void stepsThatOnlyRoundToEvenSpacingAreWritten() {
        // 100 s over three steps: format 1's rounded guess would match these, integer steps of 33,333 ms would not.
        PendingWindow p = new PendingWindow("web-1", T0, T0 + 100_000, false, 4, 2, VALUES,
                new long[] {T0, T0 + 33_333, T0 + 66_667, T0 + 100_000});
        assertSame(p, roundTrip(p));
        assertEquals(irregular().toBytes().length, p.toBytes().length, "the times are listed");
    }

    @Test
    void anyStepTimesComeBackExactly() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            int window = 1 + random.nextInt(40);
            long step = random.nextBoolean() ? 1 + random.nextInt(3_600_000) : 1;
            long[] times = new long[window];
            times[0] = random.nextLong(-T0, 4 * T0);
            for (int i = 1; i < window; i++) {
                // Mostly regular, sometimes with one late, early or missing point.
                times[i] = times[i - 1] + step + (random.nextInt(8) == 0 ? random.nextInt(5_000) - 2_000 : 0);
            }
            float[] values = new float[window];
            Arrays.fill(values, random.nextFloat());
            PendingWindow p = new PendingWindow("s-" + n, times[0], times[window - 1], random.nextBoolean(), window, 1, values, times);
            assertSame(p, roundTrip(p));
        }
    }

    @Test
    void aDemoShapedWindowTakes548BytesWhenRegularAnd804WhenNot() {
        long[] times = new long[32];
        for (int i = 0; i < 32; i++) {
            times[i] = T0 + i * STEP;
        }
        assertEquals(548, demoShaped(times).toBytes().length, "format 2 took 803");
        times[10] += 1;
        assertEquals(804, demoShaped(times).toBytes().length);
    }

    @Test
    void goldenFormat3RegularStillReads() throws Exception {
        assertGolden(GOLDEN_V3_REGULAR, regular());
    }

    @Test
    void goldenFormat3IrregularStillReads() throws Exception {
        assertGolden(GOLDEN_V3_IRREGULAR, irregular());
    }

    private static void assertGolden(Path golden, PendingWindow p) throws Exception {
        String hex = Files.readString(golden).trim();
        assertEquals(hex, HexFormat.of().formatHex(p.toBytes()), "format 3 encoding is unchanged");
        assertSame(p, PendingWindow.fromBytes(HexFormat.of().parseHex(hex)));
    }

    @Test
    void format2WindowsKeepTheirListedTimes() throws Exception {
        byte[] old = HexFormat.of().parseHex(Files.readString(GOLDEN_V2).trim());
        assertEquals(PendingWindow.FORMAT_2, old[0]);
        assertSame(irregular(), PendingWindow.fromBytes(old));
    }

    @Test
    void format1WindowsGetTheirStepsSpreadEvenlyFromStartToEnd() throws Exception {
        PendingWindow old = PendingWindow.fromBytes(HexFormat.of().parseHex(Files.readString(GOLDEN_V1).trim()));
        assertEquals("web-1", old.series());
        assertTrue(old.imputed());
        assertArrayEquals(VALUES, old.values());
        assertArrayEquals(new long[] {T0, T0 + STEP, T0 + 2 * STEP, T0 + 3 * STEP}, old.times());
    }

    @Test
    void aFormatFromANewerReleaseIsRefused() {
        byte[] bytes = regular().toBytes();
        bytes[0] = 4;
        assertEquals("pending window has format 4; this release reads formats 1 to 3 (state written by a newer Vigil?)",
                assertThrows(IllegalStateException.class, () -> PendingWindow.fromBytes(bytes)).getMessage());
    }

    @Test
    void corruptBytesAreRefusedWithTheReason() {
        byte[] irregular = irregular().toBytes();
        int timesByte = irregular.length - 4 * Long.BYTES - 1;
        assertCorrupt(Arrays.copyOf(irregular, irregular.length - 3), "corrupt pending window: " + (irregular.length - 3)
                + " bytes end before the window does");
        assertCorrupt(Arrays.copyOf(irregular, irregular.length + 2), "corrupt pending window: 2 bytes left over after the window");
        byte[] badTimes = irregular.clone();
        badTimes[timesByte] = 7;
        assertCorrupt(badTimes, "corrupt pending window: step times kept as 7, expected 0 (evenly spaced) or 1 (listed)");
        byte[] badSeries = irregular.clone();
        badSeries[1] = (byte) 0x80;
        assertCorrupt(badSeries, "corrupt pending window: a series name of -2147483643 bytes in " + (irregular.length - 5)
                + " remaining");
        byte[] badShape = irregular.clone();
        badShape[1 + 4 + 5 + 8 + 8 + 1 + 3] = 0;
        assertCorrupt(badShape, "corrupt pending window: 0 steps of 2 features in " + (irregular.length - 35) + " remaining bytes");
    }

    private static void assertCorrupt(byte[] bytes, String message) {
        assertEquals(message, assertThrows(IllegalStateException.class, () -> PendingWindow.fromBytes(bytes)).getMessage());
    }

    @Test
    void aWindowWhoseArraysDoNotMatchItsShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PendingWindow("web-1", T0, T0 + 3 * STEP, false, 4, 2, VALUES, new long[] {T0, T0 + 3 * STEP}));
        assertEquals("a pending window of 4 steps and 2 features needs 8 values and 4 times, got 8 and 2", e.getMessage());
    }
}
