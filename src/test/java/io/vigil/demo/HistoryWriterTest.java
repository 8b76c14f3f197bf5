package io.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history CSV: normal points only, one row per host per step, readable by the trainer as one series per host. */
class HistoryWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesDaysOfNormalHistoryTheTrainerReads() throws Exception {
        Path csv = dir.resolve("history.csv");
        List<HostProfile> fleet = HostProfile.fleet(6);
        long rows = HistoryWriter.write(csv, 1, fleet, 2);
        assertEquals(6L * 2 * TelemetryGenerator.DEFAULT_PERIOD, rows);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("timestamp,host,cpu,mem,latency_ms,rps", lines.get(0));
        assertTrue(lines.get(1).startsWith("2026-01-05T00:00:00Z,web-1,"), lines.get(1));
        assertEquals(rows + 1, lines.size());

        History h = new HistoryReader(new HistoryOptions(TelemetryGenerator.FEATURES, "timestamp", "host")).read(List.of(csv));
        assertEquals(6, h.series().size());
        assertEquals(2 * TelemetryGenerator.DEFAULT_PERIOD, h.series().get(0).timestamps().length);
    }

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        HistoryWriter.write(a, 9, HostProfile.fleet(3), 1);
        HistoryWriter.write(b, 9, HostProfile.fleet(3), 1);
        assertEquals(Files.readString(a), Files.readString(b));
    }
}
