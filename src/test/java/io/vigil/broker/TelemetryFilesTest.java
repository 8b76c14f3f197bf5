package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryFilesTest {
    @TempDir
    Path dir;

    @Test
    void seriesAreInterleavedInTimestampOrderAndEncodedAsVigilInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("hosts.csv"), """
                timestamp,host,cpu,mem
                2026-11-23T10:00:00Z,b,0.5,0.25
                2026-11-23T10:00:00Z,a,0.1,0.75
                2026-11-23T10:01:00Z,a,0.2,0.75
                2026-11-23T10:00:30Z,b,0.6,0.25
                """);
        List<String> seen = new ArrayList<>();
        for (TelemetryRecord r : TelemetryFiles.read(List.of(csv), "timestamp", "host", null)) {
            seen.add(r.series() + " " + new String(r.valueJson(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(
                "b {\"ts\":1795428000000,\"values\":{\"cpu\":0.5,\"mem\":0.25}}",
                "a {\"ts\":1795428000000,\"values\":{\"cpu\":0.1,\"mem\":0.75}}",
                "b {\"ts\":1795428030000,\"values\":{\"cpu\":0.6,\"mem\":0.25}}",
                "a {\"ts\":1795428060000,\"values\":{\"cpu\":0.2,\"mem\":0.75}}"), seen);
    }

    @Test
    void seriesOptionRenamesTheOneSeriesOfAJsonLinesFile() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("x.jsonl"), """
                {"ts": 1000, "values": {"cpu": 0.5}}
                {"ts": "1970-01-01T00:00:02Z", "values": {"cpu": 0.25}}
                """);
        List<String> seen = new ArrayList<>();
        for (TelemetryRecord r : TelemetryFiles.read(List.of(jsonl), "timestamp", null, "web-1")) {
            seen.add(r.series() + " " + new String(r.valueJson(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("web-1 {\"ts\":1000,\"values\":{\"cpu\":0.5}}", "web-1 {\"ts\":2000,\"values\":{\"cpu\":0.25}}"), seen);
    }

    @Test
    void seriesOptionOnSeveralSeriesIsAnInputError() throws Exception {
        Path csv = Files.writeString(dir.resolve("h.csv"), "timestamp,host,cpu\n1000,a,1\n1000,b,2\n");
        InputException e = assertThrows(InputException.class,
                () -> TelemetryFiles.read(List.of(csv), "timestamp", "host", "web-1"));
        assertTrue(e.getMessage().contains("holds 2 (a, b)"), e.getMessage());
    }
}
