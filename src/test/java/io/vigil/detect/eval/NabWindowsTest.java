package io.vigil.detect.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NabWindowsTest {

    private static final Path REAL = Path.of("/work/shared/data/nab/labels/combined_windows.json");

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void readsTheRealNabWindowsFile() throws IOException {
        assumeTrue(Files.isRegularFile(REAL), "NAB labels not present at " + REAL);
        Map<String, List<long[]>> windows = NabWindows.read(REAL);
        List<long[]> taxi = windows.get("realKnownCause/nyc_taxi.csv");
        assertEquals(5, taxi.size());
        assertArrayEquals(new long[] {utc("2014-10-30T15:30:00Z"), utc("2014-11-03T22:30:00Z")}, taxi.get(0));
        assertEquals(List.of(), windows.get("artificialNoAnomaly/art_flatline.csv"));
        assertTrue(windows.values().stream().flatMap(List::stream).allMatch(w -> w[0] <= w[1]));
        assertEquals(taxi, NabWindows.forFile(windows, Path.of("/data/nab/realKnownCause/nyc_taxi.csv")));
    }

    @Test
    void findsAFileByCategoryAndNameElseByNameAlone() {
        List<long[]> a = List.of(new long[] {1, 2});
        List<long[]> b = List.of(new long[] {3, 4});
        Map<String, List<long[]>> windows = Map.of("realA/x.csv", a, "realB/x.csv", b, "realB/y.csv", b);
        assertEquals(b, NabWindows.forFile(windows, Path.of("data", "realB", "x.csv")));
        assertEquals(b, NabWindows.forFile(windows, Path.of("elsewhere", "y.csv")));
        assertThrows(IllegalArgumentException.class, () -> NabWindows.forFile(windows, Path.of("elsewhere", "x.csv")));
        assertThrows(IllegalArgumentException.class, () -> NabWindows.forFile(windows, Path.of("realA", "z.csv")));
    }

    @Test
    void labelsPointsInsideWindowsWithInclusiveBounds() {
        boolean[] labels = NabWindows.label(new long[] {0, 10, 15, 20, 21, 30, 40},
                List.of(new long[] {10, 20}, new long[] {40, 50}));
        assertArrayEquals(new boolean[] {false, true, true, true, false, false, true}, labels);
    }

    @Test
    void parsesTimestampsWithAndWithoutFractionAsUtc() throws IOException {
        assertEquals(utc("2014-10-30T15:30:00Z"), NabTimestamps.parse("2014-10-30 15:30:00"));
        assertEquals(utc("2014-10-30T15:30:00.123Z"), NabTimestamps.parse("2014-10-30 15:30:00.123456"));
    }

    @Test
    void badContentIsRejectedNamingTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        assertBad(dir, "{not json", "not valid JSON");
        assertBad(dir, "[]", "expected a JSON object");
        assertBad(dir, "{\"a/b.csv\": 3}", "\"a/b.csv\" must be a list");
        assertBad(dir, "{\"a/b.csv\": [[\"2014-01-01 00:00:00\"]]}", "window 1 must be");
        assertBad(dir, "{\"a/b.csv\": [[\"2014-01-01\", \"2014-01-02 00:00:00\"]]}", "is not yyyy-MM-dd");
        assertBad(dir, "{\"a/b.csv\": [[\"2014-01-02 00:00:00\", \"2014-01-01 00:00:00\"]]}", "ends before it starts");
    }

    private static void assertBad(Path dir, String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("windows.json"), content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NabWindows.read(file));
        assertTrue(e.getMessage().startsWith("windows.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
