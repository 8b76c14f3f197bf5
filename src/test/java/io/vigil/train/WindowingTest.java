package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowingTest {
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    /** Writes a CSV of one series: row i at minute {@code minutes[i]} with cpu = value(i), mem = -value(i). */
    private Path series(String name, long[] minutes, java.util.function.IntToDoubleFunction value) throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        for (int i = 0; i < minutes.length; i++) {
            double v = value.applyAsDouble(i);
            csv.append(minutes[i] * MINUTE).append(',').append(v).append(',').append(-v).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".csv"), csv);
    }

    private static long[] minutes(int from, int count) {
        long[] m = new long[count];
        for (int i = 0; i < count; i++) {
            m[i] = from + i;
        }
        return m;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static History read(Path... files) {
        return new HistoryReader(HistoryOptions.defaults()).read(List.of(files));
    }

    @Test
    void windowsNeverStraddleSeriesOrGaps() throws IOException {
        // series a: 10 rows, a 10-minute outage, 10 rows; series b: 8 rows right after a's end
        Path a = series("a", concat(minutes(0, 10), minutes(20, 10)), i -> i);
        Path b = series("b", minutes(30, 8), i -> 100 + i);
        WindowPlan plan = Windowing.plan(read(a, b), 4, 1, null, 0);
        WindowSet w = plan.train();
        assertEquals(7 + 7 + 5, w.count());
        for (int n = 0; n < w.count(); n++) {
            assertEquals(3 * MINUTE, w.endTimestamps()[n] - w.startTimestamps()[n], "window " + n + " spans a gap");
            float[] values = w.window(n);
            boolean fromB = values[0] >= 100;
            for (int t = 0; t < w.window(); t++) {
                assertEquals(fromB, values[t * 2] >= 100, "window " + n + " mixes series");
            }
            assertEquals(fromB ? "b" : "a", w.series()[n]);
        }
        assertTrue(plan.validation().isEmpty());
    }

    @Test
    void windowDataIsRowMajorWindowStepFeature() throws IOException {
        WindowSet w = Windowing.plan(read(series("a", minutes(0, 5), i -> i)), 3, 2, null, 0).train();
        assertEquals(2, w.count());
        assertArrayEquals(new float[] {2, -2, 3, -3, 4, -4}, w.window(1));
        assertEquals(2 * 3 * 2, w.data().length);
        WindowSet second = w.subset(new int[] {1});
        assertArrayEquals(w.window(1), second.window(0));
        assertEquals(2 * MINUTE, second.startTimestamps()[0]);
        assertEquals(4 * MINUTE, second.endTimestamps()[0]);
    }

    @Test
    void validationWindowsNeverOverlapTraining() throws IOException {
        WindowPlan plan = Windowing.plan(read(series("a", minutes(0, 100), i -> i)), 10, 3, null, 0.2);
        // rows 0..79 train, 80..99 validate
        assertEquals((80 - 10) / 3 + 1, plan.train().count());
        assertEquals((20 - 10) / 3 + 1, plan.validation().count());
        long lastTrainEnd = max(plan.train().endTimestamps());
        long firstValidationStart = min(plan.validation().startTimestamps());
        assertTrue(lastTrainEnd < firstValidationStart);
        assertEquals(80 * MINUTE, firstValidationStart);
        assertTrue(lastTrainEnd <= 79 * MINUTE);
    }

    @Test
    void splitIsChronologicalPerSeries() throws IOException {
        Path a = series("a", minutes(0, 50), i -> i);
        Path b = series("b", minutes(1000, 30), i -> i); // validates rows 24..29
        WindowPlan plan = Windowing.plan(read(a, b), 5, 5, null, 0.2);
        for (int n = 0; n < plan.validation().count(); n++) {
            long boundary = plan.validation().series()[n].equals("a") ? 40 * MINUTE : 1024 * MINUTE;
            assertTrue(plan.validation().startTimestamps()[n] >= boundary);
        }
        for (int n = 0; n < plan.train().count(); n++) {
            long boundary = plan.train().series()[n].equals("a") ? 40 * MINUTE : 1024 * MINUTE;
            assertTrue(plan.train().endTimestamps()[n] < boundary);
        }
        assertEquals(List.of("a", "b"), List.of(plan.validation().series()[0], plan.validation().series()[2]));
    }

    @Test
    void statsComeFromTrainingRowsOnlyAndKeepZeroStd() throws IOException {
        // training rows are all 1; the validation rows (last 20%) are 1000
        WindowPlan plan = Windowing.plan(read(series("a", minutes(0, 50), i -> i < 40 ? 1 : 1000)), 5, 1, null, 0.2);
        FeatureStats stats = plan.trainStats();
        assertEquals(40, stats.count());
        assertArrayEquals(new double[] {1, -1}, stats.mean());
        assertArrayEquals(new double[] {0, 0}, stats.std(), "a constant feature reports std 0");
        assertArrayEquals(new double[] {1, -1}, stats.max());
    }

    @Test
    void autoMaxGapIsThreeMedianIntervals() throws IOException {
        long[] ts = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10}; // one step of 2 minutes, else 1
        WindowPlan plan = Windowing.plan(read(series("a", ts, i -> i)), 3, 1, null, 0);
        assertEquals(Duration.ofMinutes(1), plan.samplingInterval());
        assertEquals(Duration.ofMinutes(3), plan.maxGap());
        assertEquals(8, plan.train().count(), "a 2-minute step is within the gap allowance");

        WindowPlan strict = Windowing.plan(read(series("a", ts, i -> i)), 3, 1, Duration.ofSeconds(90), 0);
        assertEquals(2 + 4, strict.train().count(), "an explicit max gap cuts at the 2-minute step");
    }

    @Test
    void windowEndsSkipWindowsAcrossAGap() throws IOException {
        long[] ts = {0, 1, 2, 3, 10, 11, 12};
        SeriesHistory s = read(series("a", ts, i -> i)).series().get(0);
        assertArrayEquals(new int[] {2, 3, 6}, Windowing.windowEnds(s, 3, Duration.ofMinutes(2)));
        assertArrayEquals(new int[] {2, 3, 4, 5, 6}, Windowing.windowEnds(s, 3, Duration.ofMinutes(7)));
        float[] dest = new float[1 + 3 * 2];
        Windowing.copyWindow(s, 6, 3, dest, 1);
        assertArrayEquals(new float[] {0, 4, -4, 5, -5, 6, -6}, dest);
        assertThrows(IndexOutOfBoundsException.class, () -> Windowing.copyWindow(s, 1, 3, dest, 0));
    }

    @Test
    void badParametersAreRefused() throws IOException {
        History h = read(series("a", minutes(0, 20), i -> i));
        assertEquals("--window is 1, expected at least 2 rows",
                assertThrows(InputException.class, () -> Windowing.plan(h, 1, 1, null, 0)).getMessage());
        assertEquals("--stride is 0, expected at least 1 row",
                assertThrows(InputException.class, () -> Windowing.plan(h, 4, 0, null, 0)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> Windowing.plan(h, 4, 1, null, 0.9)).getMessage()
                .startsWith("--val-fraction is 0.9, expected at least 0 and below 0.9"));
        assertThrows(InputException.class, () -> Windowing.plan(h, 4, 1, null, -0.1));
        assertThrows(InputException.class, () -> Windowing.plan(h, 4, 1, Duration.ZERO, 0));
    }

    @Test
    void tooShortTrainingRunsSayWhatToChange() throws IOException {
        Path a = series("a", concat(minutes(0, 6), minutes(60, 7)), i -> i);
        String m = assertThrows(InputException.class, () -> Windowing.plan(read(a), 10, 1, null, 0)).getMessage();
        assertEquals("no training windows: series \"a\" (from a.csv) has 7 rows in its longest gap-free training run, "
                + "and --window is 10; use a smaller --window or a larger --max-gap "
                + "(now 3m, 3 x the median interval 1m)", m);
    }

    @Test
    void missingValidationWindowsSayHowManyRowsAreNeeded() throws IOException {
        Path a = series("a", minutes(0, 40), i -> i);
        String m = assertThrows(InputException.class, () -> Windowing.plan(read(a), 8, 1, null, 0.1)).getMessage();
        assertTrue(m.startsWith("no validation windows: the validation part (the last 10% of each series) has 4 rows, "
                + "its longest gap-free run is 4 (series \"a\"), and a window needs 8 consecutive rows"), m);
    }

    @Test
    void validationSplitRoundsUpWithoutFloatingPointSurprises() {
        assertEquals(3, Windowing.validationRows(10, 0.3));
        assertEquals(1, Windowing.validationRows(10, 0.05));
        assertEquals(0, Windowing.validationRows(10, 0));
    }

    @Test
    void featureStatsUsePopulationStd() {
        List<float[]> rows = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            rows.add(new float[] {i, 70 + i * 0.001f});
        }
        FeatureStats s = FeatureStats.of(rows);
        assertEquals(2.5, s.mean()[0], 1e-12);
        assertEquals(Math.sqrt(1.25), s.std()[0], 1e-12);
        assertEquals(1, s.min()[0]);
        assertEquals(4, s.max()[0]);
        assertEquals(Math.sqrt(1.25) * 0.001, s.std()[1], 1e-5);
        assertEquals(4, s.count());
    }

    private static long max(long[] a) {
        return java.util.Arrays.stream(a).max().orElseThrow();
    }

    private static long min(long[] a) {
        return java.util.Arrays.stream(a).min().orElseThrow();
    }
}
