package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeriesWindowTest {
    static final long STEP = 60_000;

    static WindowSettings settings(int window, int hop, Duration grace, WindowSettings.GapPolicy policy) {
        return new WindowSettings(window, 2, hop, grace, Duration.ofMinutes(3), policy, Duration.ofMinutes(1), new float[] {0.5f, 0.5f});
    }

    static double[] p(double a, double b) {
        return new double[] {a, b};
    }

    private static SeriesWindow fresh(WindowSettings s) {
        return new SeriesWindow(s.window(), s.features(), s.initialValues());
    }

    @Test
    void windowIsDueOnceFullThenEveryHopPoints() {
        WindowSettings s = settings(3, 2, Duration.ZERO, WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        int due = 0;
        for (int i = 0; i < 9; i++) {
            assertEquals(SeriesWindow.Outcome.ACCEPTED, w.offer(i * STEP, p(i, -i), s));
            if (w.takeDue(s.hop())) {
                due++;
                assertEquals((i - 2) * STEP, w.start());
                assertEquals(i * STEP, w.end());
            }
        }
        assertEquals(4, due, "points 0..8 at window 3, hop 2: due at 3rd, 5th, 7th, 9th points");
        float[] out = new float[6];
        w.copyTo(out, 0);
        assertArrayEquals(new float[] {6, -6, 7, -7, 8, -8}, out);
    }

    @Test
    void outOfOrderWithinGraceGoesInPlace() {
        WindowSettings s = settings(4, 1, Duration.ofMinutes(5), WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        w.offer(0, p(0, 0), s);
        w.offer(2 * STEP, p(2, 2), s);
        w.offer(3 * STEP, p(3, 3), s);
        assertEquals(SeriesWindow.Outcome.ACCEPTED, w.offer(STEP, p(1, 1), s));
        assertArrayEquals(new long[] {0, STEP, 2 * STEP, 3 * STEP}, Arrays.copyOf(w.timestamps, w.size));
        assertEquals(3 * STEP, w.newest);
    }

    @Test
    void olderThanGraceIsLateAndRepeatedTimestampIsDuplicate() {
        WindowSettings s = settings(4, 1, Duration.ofMinutes(1), WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        for (int i = 0; i < 4; i++) {
            w.offer(i * STEP, p(i, i), s);
        }
        assertEquals(SeriesWindow.Outcome.LATE, w.offer(STEP + 1, p(9, 9), s), "2 minutes behind with 1 minute grace");
        assertEquals(SeriesWindow.Outcome.DUPLICATE, w.offer(2 * STEP, p(9, 9), s));
        assertEquals(SeriesWindow.Outcome.DUPLICATE, w.offer(3 * STEP, p(9, 9), s));
        assertEquals(4, w.size);
    }

    @Test
    void pointOlderThanAFullWindowIsLateEvenWithinGrace() {
        WindowSettings s = settings(3, 1, Duration.ofHours(1), WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        for (int i = 5; i < 8; i++) {
            w.offer(i * STEP, p(i, i), s);
        }
        assertEquals(SeriesWindow.Outcome.LATE, w.offer(STEP, p(1, 1), s));
    }

    @Test
    void gapResetStartsANewWindow() {
        WindowSettings s = settings(3, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        for (int i = 0; i < 3; i++) {
            w.offer(i * STEP, p(i, i), s);
        }
        assertTrue(w.takeDue(1));
        w.offer(10 * STEP, p(10, 10), s);
        assertEquals(1, w.size);
        assertFalse(w.takeDue(1));
    }

    @Test
    void gapCarryFillsMissingStepsWithLastValuesMarkedImputed() {
        WindowSettings s = settings(4, 1, Duration.ZERO, WindowSettings.GapPolicy.CARRY);
        SeriesWindow w = fresh(s);
        w.offer(0, p(1, 2), s);
        w.offer(STEP, p(3, 4), s);
        w.offer(6 * STEP, p(5, 6), s);
        assertArrayEquals(new long[] {3 * STEP, 4 * STEP, 5 * STEP, 6 * STEP}, Arrays.copyOf(w.timestamps, w.size));
        float[] out = new float[8];
        w.copyTo(out, 0);
        assertArrayEquals(new float[] {3, 4, 3, 4, 3, 4, 5, 6}, out);
        assertTrue(w.imputed[0] && w.imputed[2] && !w.imputed[3]);
        assertTrue(w.anyImputed());
    }

    @Test
    void missingFeatureIsCarriedForwardOrStartsFromTheTrainingMean() {
        WindowSettings s = settings(3, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        w.offer(0, p(Double.NaN, 7), s);
        w.offer(STEP, p(2, Double.NaN), s);
        w.offer(2 * STEP, p(3, 8), s);
        float[] out = new float[6];
        w.copyTo(out, 0);
        assertArrayEquals(new float[] {0.5f, 7, 2, 7, 3, 8}, out);
        assertTrue(w.imputed[0] && w.imputed[1] && !w.imputed[2]);
    }

    @Test
    void mapperRoundTripsEveryField() {
        WindowSettings s = settings(3, 2, Duration.ZERO, WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        w.offer(0, p(1, Double.NaN), s);
        w.offer(STEP, p(2, 3), s);
        w.lastSeenWallClock = 123;
        SeriesWindow back = SeriesWindowMapper.fromBytes(SeriesWindowMapper.toBytes(w));
        assertEquals(w.size, back.size);
        assertEquals(w.sinceScored, back.sinceScored);
        assertEquals(w.newest, back.newest);
        assertEquals(123, back.lastSeenWallClock);
        assertArrayEquals(Arrays.copyOf(w.timestamps, 2), Arrays.copyOf(back.timestamps, 2));
        assertArrayEquals(Arrays.copyOf(w.values, 4), Arrays.copyOf(back.values, 4));
        assertArrayEquals(w.imputed, back.imputed);
        assertArrayEquals(w.lastValues, back.lastValues);
    }

    /** Format 1 bytes committed to the repository: today's release must keep reading them. */
    @Test
    void goldenFormat1StateStillReads() throws Exception {
        Path golden = Path.of("src/test/resources/io/vigil/stream/series-window-v1.hex");
        WindowSettings s = settings(3, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET);
        SeriesWindow w = fresh(s);
        w.offer(1_700_000_000_000L, p(1.5, Double.NaN), s);
        w.offer(1_700_000_060_000L, p(2.5, 3.5), s);
        w.lastSeenWallClock = 1_700_000_100_000L;
        String hex = HexFormat.of().formatHex(SeriesWindowMapper.toBytes(w));
        if (!Files.exists(golden)) {
            Files.writeString(golden, hex + "\n");
        }
        SeriesWindow back = SeriesWindowMapper.fromBytes(HexFormat.of().parseHex(Files.readString(golden).trim()));
        assertEquals(2, back.size);
        assertEquals(1_700_000_060_000L, back.newest);
        assertArrayEquals(new float[] {1.5f, 0.5f, 2.5f, 3.5f}, Arrays.copyOf(back.values, 4));
        assertTrue(back.imputed[0]);
        assertEquals(hex, Files.readString(golden).trim(), "format 1 encoding is unchanged");
    }

    @Test
    void unknownFormatIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SeriesWindowMapper.fromBytes(new byte[] {9, 0, 0}));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
    }
}
