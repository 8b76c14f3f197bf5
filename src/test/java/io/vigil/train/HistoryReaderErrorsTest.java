package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way history input can be wrong, and that the message points at file, line and column. */
class HistoryReaderErrorsTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String error(HistoryOptions options, Path... files) {
        return assertThrows(InputException.class, () -> new HistoryReader(options).read(List.of(files))).getMessage();
    }

    private static String error(Path... files) {
        return error(HistoryOptions.defaults(), files);
    }

    private static void assertStarts(String expectedStart, String message) {
        assertTrue(message.startsWith(expectedStart), () -> "expected to start with <" + expectedStart + "> but was <"
                + message + ">");
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected <" + part + "> in <" + message + ">");
        }
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        for (int i = 0; i < 15; i++) {
            csv.append(1000 * i).append(",0.5,0.5\n");
        }
        csv.append("99000,0.5,n/a\n");
        assertEquals("line 17 of cpu.csv: column \"mem\" is \"n/a\", expected a number",
                error(write("cpu.csv", csv.toString())));
    }

    @Test
    void lineNumbersCountBlankLines() throws IOException {
        assertStarts("line 4 of cpu.csv: column \"cpu\" is \"x\"", error(write("cpu.csv", "timestamp,cpu\n1,1\n\n2,x\n")));
    }

    @Test
    void emptyCellNamesColumn() throws IOException {
        assertEquals("line 3 of cpu.csv: column \"cpu\" is empty, expected a number",
                error(write("cpu.csv", "timestamp,cpu\n1,1\n2,\n")));
    }

    @Test
    void nanAndInfinityAreRefused() throws IOException {
        assertEquals("line 2 of cpu.csv: column \"cpu\" is NaN, expected a finite number",
                error(write("cpu.csv", "timestamp,cpu\n1,NaN\n")));
        assertStarts("line 3 of inf.csv: column \"cpu\" is infinite",
                error(write("inf.csv", "timestamp,cpu\n1,1\n2,-Infinity\n")));
        assertStarts("line 2 of big.csv: column \"cpu\" is 1.0E39, beyond the float range",
                error(write("big.csv", "timestamp,cpu\n1,1e39\n")));
    }

    @Test
    void unparseableTimestampNamesColumnAndFormats() throws IOException {
        String m = error(write("cpu.csv", "timestamp,cpu\n1,1\nyesterday,2\n"));
        assertStarts("line 3 of cpu.csv: column \"timestamp\" is \"yesterday\", expected epoch milliseconds", m);
        assertMentions(m, "2026-11-23T10:15:00Z", "yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void missingTimestampColumnListsColumnsFound() throws IOException {
        assertEquals("line 1 of cpu.csv: no timestamp column \"timestamp\"; columns found: time, cpu "
                + "(choose one with --timestamp-column)", error(write("cpu.csv", "time,cpu\n1,1\n")));
    }

    @Test
    void missingHeaderIsRecognised() throws IOException {
        assertStarts("line 1 of cpu.csv: no header row: the first line starts with \"2014-10-30 15:30:00\"",
                error(write("cpu.csv", "2014-10-30 15:30:00,1\n2014-10-30 15:35:00,2\n")));
    }

    @Test
    void requestedFeatureMissingListsAvailableColumns() throws IOException {
        Path f = write("cpu.csv", "timestamp,cpu\n1,1\n");
        assertEquals("line 1 of cpu.csv: no column \"mem\" (a requested feature); columns found: timestamp, cpu",
                error(HistoryOptions.defaults().withFeatures(List.of("mem")), f));
    }

    @Test
    void missingSeriesColumnIsNamed() throws IOException {
        Path f = write("cpu.csv", "timestamp,cpu\n1,1\n");
        assertEquals("line 1 of cpu.csv: no series column \"host\"; columns found: timestamp, cpu",
                error(HistoryOptions.defaults().withSeriesColumn("host"), f));
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRefused() throws IOException {
        assertStarts("line 1 of empty.csv: file is empty, expected a header row", error(write("empty.csv", "")));
        assertStarts("line 1 of blank.jsonl: file is empty", error(write("blank.jsonl", "\n  \n")));
        assertStarts("line 2 of head.csv: no data rows after the header", error(write("head.csv", "timestamp,cpu\n")));
    }

    @Test
    void fileWithoutFeatureColumnsIsRefused() throws IOException {
        assertStarts("line 1 of t.csv: no feature columns; columns found: timestamp, host",
                error(write("t.csv", "timestamp,host\n1,a\n")));
    }

    @Test
    void missingUnreadableOrUnknownFilesAreNamed() throws IOException {
        assertStarts("nope.csv: file not found", error(dir.resolve("nope.csv")));
        assertStarts("cpu.txt: unknown file type", error(write("cpu.txt", "timestamp,cpu\n1,1\n")));
        assertStarts("fake.csv.gz: not a gzip file", error(write("fake.csv.gz", "timestamp,cpu\n1,1\n")));
        Path latin1 = dir.resolve("latin.csv");
        Files.write(latin1, new byte[] {'t', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', ',', 'c', '\n', '1', ',', (byte) 0xE9, '\n'});
        assertStarts("latin.csv: not UTF-8 text", error(latin1));
    }

    @Test
    void shortRowAndBadQuotingAreReported() throws IOException {
        assertStarts("line 3 of cpu.csv: row has 2 cells, the header has 3",
                error(write("cpu.csv", "timestamp,cpu,mem\n1,1,1\n2,1\n")));
        assertStarts("q.csv: not valid CSV: (startline 3)", error(write("q.csv", "timestamp,cpu\n1,1\n2,\"3\n")));
    }

    @Test
    void duplicateTimestampNamesBothLines() throws IOException {
        Path f = write("cpu.csv", "timestamp,cpu\n1000,1\n2000,2\n1000,3\n");
        assertEquals("line 4 of cpu.csv: timestamp 1970-01-01T00:00:01Z repeats line 2 of cpu.csv in series \"cpu\"; "
                + "each series needs one row per timestamp (remove one, or pass --duplicates first)", error(f));
    }

    @Test
    void duplicateTimestampAcrossFilesOfOneSeriesNamesBothFiles() throws IOException {
        HistoryOptions bySeries = HistoryOptions.defaults().withSeriesColumn("host");
        Path a = write("a.csv", "timestamp,host,cpu\n1000,x,1\n");
        Path b = write("b.csv", "timestamp,host,cpu\n1000,x,1\n");
        assertStarts("line 2 of b.csv: timestamp 1970-01-01T00:00:01Z repeats line 2 of a.csv in series \"x\"",
                error(bySeries, a, b));
    }

    @Test
    void laterFileMissingAFeatureIsAnError() throws IOException {
        Path a = write("a.csv", "timestamp,cpu,mem\n1,1,1\n");
        Path b = write("b.csv", "timestamp,cpu\n1,1\n");
        assertEquals("line 1 of b.csv: no column \"mem\", a feature in another file; columns found: timestamp, cpu "
                + "(every file must have the same features, or choose them with --features)", error(a, b));
    }

    @Test
    void invalidJsonAndWrongTypesNameLineAndField() throws IOException {
        assertStarts("line 2 of t.jsonl: invalid JSON",
                error(write("t.jsonl", "{\"ts\": 1, \"value\": 1}\n{\"ts\": 2, \"value\": \n")));
        assertEquals("line 1 of a.jsonl: expected a JSON object, found an array ([1,2])",
                error(write("a.jsonl", "[1,2]\n")));
        assertEquals("line 1 of s.jsonl: field \"values.cpu\" is a string (\"high\"), expected a number",
                error(write("s.jsonl", "{\"ts\": 1, \"values\": {\"cpu\": \"high\"}}\n")));
        assertEquals("line 1 of v.jsonl: field \"values\" is an array ([1]), expected an object such as {\"cpu\": 0.52}",
                error(write("v.jsonl", "{\"ts\": 1, \"values\": [1]}\n")));
        assertStarts("line 1 of ts.jsonl: field \"ts\" is a boolean (true), expected epoch milliseconds",
                error(write("ts.jsonl", "{\"ts\": true, \"value\": 1}\n")));
        assertStarts("line 1 of nots.jsonl: field \"ts\" is missing", error(write("nots.jsonl", "{\"value\": 1}\n")));
        assertStarts("line 1 of bad.jsonl: field \"ts\" is \"soon\", expected epoch milliseconds",
                error(write("bad.jsonl", "{\"ts\": \"soon\", \"value\": 1}\n")));
        assertEquals("line 1 of ser.jsonl: field \"series\" is an integer (7), expected a non-empty string",
                error(write("ser.jsonl", "{\"ts\": 1, \"value\": 1, \"series\": 7}\n")));
        assertEquals("line 1 of none.jsonl: no \"values\" object and no \"value\" field",
                error(write("none.jsonl", "{\"ts\": 1}\n")));
    }

    @Test
    void jsonRowWithoutAFeatureSeenElsewhereIsAnError() throws IOException {
        Path f = write("t.jsonl", "{\"ts\": 1, \"values\": {\"cpu\": 1}}\n{\"ts\": 2, \"values\": {\"cpu\": 1, \"mem\": 2}}\n");
        assertStarts("line 1 of t.jsonl: feature \"mem\" is missing", error(f));
    }
}
