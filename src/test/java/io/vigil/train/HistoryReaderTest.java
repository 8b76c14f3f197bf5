package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {
    private static final Path NAB_MACHINE_TEMPERATURE =
            Path.of("/work/shared/data/nab/data/realKnownCause/machine_temperature_system_failure.csv");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static History read(HistoryOptions options, Path... files) {
        return new HistoryReader(options).read(List.of(files));
    }

    private static History read(Path... files) {
        return read(HistoryOptions.defaults(), files);
    }

    private static String error(HistoryOptions options, Path... files) {
        return assertThrows(InputException.class, () -> read(options, files)).getMessage();
    }

    private static String error(Path... files) {
        return error(HistoryOptions.defaults(), files);
    }

    @Test
    void csvWithIsoTimestampsBecomesOneSeriesNamedAfterTheFile() throws IOException {
        Path f = write("cpu.csv", "timestamp,cpu,mem\n"
                + "2026-11-23T10:15:00Z,0.5,0.7\n"
                + "2026-11-23T10:20:00Z,0.6,0.8\n");
        History h = read(f);
        assertEquals(List.of("cpu", "mem"), h.features());
        assertEquals(1, h.series().size());
        SeriesHistory s = h.series().get(0);
        assertEquals("cpu", s.id());
        assertArrayEquals(new long[] {1_795_428_900_000L, 1_795_429_200_000L}, s.timestamps());
        assertArrayEquals(new float[] {0.6f, 0.8f}, s.values()[1]);
        assertArrayEquals(new long[] {2, 3}, s.lines());
        assertEquals("cpu.csv", s.sources()[0]);
    }

    @Test
    void nabStyleTimestampsAreReadAsUtc() throws IOException {
        History h = read(write("nab.csv", "timestamp,value\n2014-10-30 15:30:00.000000,1\n2014-10-30 15:35:00,2\n"));
        assertEquals(1_414_683_000_000L, h.series().get(0).timestamps()[0]);
        assertEquals(List.of("value"), h.features());
    }

    @Test
    void seriesColumnSplitsOneFileIntoSeries() throws IOException {
        Path f = write("hosts.csv", "timestamp,host,cpu\n1000,a,1\n1000,b,2\n2000,a,3\n2000,b,4\n3000,a,5\n");
        History h = read(HistoryOptions.defaults().withSeriesColumn("host"), f);
        assertEquals(List.of("cpu"), h.features());
        assertEquals(2, h.series().size());
        assertEquals("a", h.series().get(0).id());
        assertEquals(3, h.series().get(0).size());
        assertEquals(2, h.series().get(1).size());
        assertEquals(5, h.rowCount());
    }

    @Test
    void twoFilesWithoutSeriesColumnAreTwoSeries() throws IOException {
        Path a = write("web-1.csv", "timestamp,cpu\n1000,1\n2000,2\n");
        Path b = write("web-2.csv", "timestamp,cpu\n1000,3\n2000,4\n");
        History h = read(a, b);
        assertEquals(List.of("web-1", "web-2"), h.series().stream().map(SeriesHistory::id).toList());
    }

    @Test
    void textColumnsAreNotFeaturesButRequestedFeaturesPickAndOrder() throws IOException {
        Path f = write("m.csv", "timestamp,host,cpu,mem\n1000,a,1,2\n2000,a,3,4\n");
        assertEquals(List.of("cpu", "mem"), read(f).features());
        History h = read(HistoryOptions.defaults().withFeatures(List.of("mem", "cpu")), f);
        assertArrayEquals(new float[] {2, 1}, h.series().get(0).values()[0]);
    }

    @Test
    void gzipCsvIsRead() throws IOException {
        Path f = dir.resolve("cpu.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("timestamp,cpu\n1000,1\n2000,2\n".getBytes(StandardCharsets.UTF_8));
        }
        History h = read(f);
        assertEquals("cpu", h.series().get(0).id());
        assertEquals(2, h.rowCount());
    }

    @Test
    void unsortedRowsAreSortedKeepingTheirLines() throws IOException {
        SeriesHistory s = read(write("u.csv", "timestamp,v\n3000,3\n1000,1\n2000,2\n")).series().get(0);
        assertArrayEquals(new long[] {1000, 2000, 3000}, s.timestamps());
        assertArrayEquals(new long[] {3, 4, 2}, s.lines());
        assertEquals(3f, s.values()[2][0]);
    }

    @Test
    void jsonLinesAcceptBothValueForms() throws IOException {
        Path many = write("t.jsonl", "{\"ts\": 1732356900000, \"values\": {\"cpu\": 0.52, \"mem\": 0.7}, \"host\": \"x\"}\n"
                + "\n"
                + "{\"ts\": \"2024-11-23T10:20:00Z\", \"values\": {\"mem\": 0.8, \"cpu\": 0.6}}\n");
        History h = read(many);
        assertEquals(List.of("cpu", "mem"), h.features());
        assertArrayEquals(new float[] {0.6f, 0.8f}, h.series().get(0).values()[1]);
        assertArrayEquals(new long[] {1, 3}, h.series().get(0).lines());

        Path single = write("s.ndjson", "{\"ts\": 1000, \"value\": 1.5, \"series\": \"a\"}\n"
                + "{\"ts\": 1000, \"value\": 2.5, \"series\": \"b\"}\n");
        History one = read(single);
        assertEquals(List.of("value"), one.features());
        assertEquals(List.of("a", "b"), one.series().stream().map(SeriesHistory::id).toList());
    }

    @Test
    void jsonLinesIgnoreFeaturesNotRequested() throws IOException {
        Path f = write("t.json", "{\"ts\": 1, \"values\": {\"cpu\": 1, \"gpu\": \"hot\"}}\n");
        History h = read(HistoryOptions.defaults().withFeatures(List.of("cpu")), f);
        assertEquals(List.of("cpu"), h.features());
    }

    @Test
    void realNabFileIsReadCompletely() {
        Assumptions.assumeTrue(Files.isReadable(NAB_MACHINE_TEMPERATURE), "NAB data not present");
        // this file repeats 2014-01-07 02:00..02:55, so NAB data needs KEEP to score every row
        String strict = error(NAB_MACHINE_TEMPERATURE);
        assertTrue(strict.startsWith("line 10151 of machine_temperature_system_failure.csv: "
                + "timestamp 2014-01-07T02:00:00Z repeats line 10139"), strict);
        History h = read(HistoryOptions.defaults().withDuplicates(HistoryOptions.Duplicates.KEEP),
                NAB_MACHINE_TEMPERATURE);
        assertEquals(22695, h.rowCount());
        assertEquals(List.of("value"), h.features());
        assertEquals("machine_temperature_system_failure", h.series().get(0).id());
        WindowPlan plan = Windowing.plan(h, 32, 1, null, 0.1);
        assertEquals(java.time.Duration.ofMinutes(5), plan.samplingInterval());
        assertTrue(plan.train().count() > 0 && plan.validation().count() > 0);

        History first = read(HistoryOptions.defaults().withDuplicates(HistoryOptions.Duplicates.FIRST), NAB_MACHINE_TEMPERATURE);
        assertEquals(22695 - 12, first.rowCount(), "the 12 repeated timestamps are dropped");
    }

    @Test
    void firstPolicyKeepsTheEarlierRowAndDropsLaterRepeats() throws IOException {
        Path f = write("dup.csv", "timestamp,v\n1000,1\n2000,2\n2000,99\n3000,3\n");
        History h = read(HistoryOptions.defaults().withDuplicates(HistoryOptions.Duplicates.FIRST), f);
        SeriesHistory s = h.series().get(0);
        assertEquals(3, s.size());
        assertEquals(2f, s.values()[1][0]);
        assertEquals(3L, s.lines()[1], "the kept row is line 3, the earlier one");
        assertEquals(5L, s.lines()[2]);
    }

    @Test
    void fingerprintIsStableAndSensitiveToOneValue() throws IOException {
        Path a = write("a.csv", "timestamp,v\n1000,1\n2000,2\n");
        String original = read(a).fingerprint();
        assertEquals(64, original.length());
        assertEquals(original, read(a).fingerprint());

        write("a.csv", "timestamp,v\n2000,2\n1000,1\n");
        assertEquals(original, read(a).fingerprint(), "same rows in another order");

        write("a.csv", "timestamp,v\n1000,1\n2000,2.0001\n");
        assertNotEquals(original, read(a).fingerprint());
    }
}
