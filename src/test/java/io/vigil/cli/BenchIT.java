package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench} end to end on a small load: a real broker, the shipped demo model and the pass-through,
 * the latency runs, and the JSON figures. What it measures is not checked here (that is the bench's job on
 * a quiet machine), only that every run scored every window and reported sane figures.
 */
class BenchIT {
    @TempDir
    Path dir;

    @Test
    void measuresBothRunsAndLatencyAndWritesTheFigures() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRunner.Run run = CliRunner.run("bench", "--records", "1200", "--series", "20", "--partitions", "2",
                "--latency-seconds", "2", "--latency-rate", "200", "--commit-interval-ms", "50", "--model", "models/demo",
                "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode f = new ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"model_records_per_s", "passthrough_records_per_s", "ratio", "p50_ms", "p99_ms",
            "passthrough_p99_ms", "model_cpu_us_per_record", "passthrough_cpu_us_per_record"}) {
            assertTrue(f.has(key), key + " in " + f);
            assertTrue(f.get(key).asDouble() > 0, key + " = " + f.get(key));
        }
        assertTrue(f.get("p99_ms").asLong() >= f.get("p50_ms").asLong());
        // 20 series × 60 points, window 32: 29 windows each, every one scored in both runs.
        assertEquals(20 * 29, f.get("model_run").get("windows_scored").asLong());
        assertEquals(20 * 29, f.get("passthrough_run").get("windows_scored").asLong());
        assertTrue(f.get("model_run").get("memory").get("heap_after_gc_mb").asLong() > 0);
        assertEquals(200, f.get("model_latency").get("records_per_second").asDouble(), "the latency runs' rate as given");
        assertEquals(50, f.get("settings").get("commit_interval_ms").asInt());
        assertTrue(run.out().contains("commit.interval.ms 50"), run.out());
        assertEquals("validation-quantile", f.get("calibration").asText(), "the default calibration");
    }

    @Test
    void benchesAStatefulCalibrationUnderARocksDbBoundAndNamesBoth() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRunner.Run run = CliRunner.run("bench", "--records", "1200", "--series", "20", "--partitions", "2",
                "--latency-seconds", "0", "--calibration", "streaming-likelihood", "--rocksdb-memory-max-bytes", "33554432",
                "--model", "models/demo", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode f = new ObjectMapper().readTree(json.toFile());
        assertEquals("streaming-likelihood", f.get("calibration").asText(), f.toString());
        assertTrue(f.get("model_records_per_s").asDouble() > 0, f.toString());
        assertTrue(f.get("passthrough_records_per_s").asDouble() > 0, f.toString());
        assertEquals(20 * 29, f.get("model_run").get("windows_scored").asLong());
        assertTrue(run.out().contains("calibration streaming-likelihood"), run.out());
        assertTrue(run.out().contains("rocksdb.memory.max.bytes 33554432"), run.out());
        assertEquals(33554432, f.get("settings").get("rocks_db_memory_max_bytes").asLong(), f.toString());
    }

    @Test
    void anUnknownCalibrationIsBadUsageNamingTheOption() {
        CliRunner.Run run = CliRunner.run("bench", "--calibration", "likelihood", "--model", "models/demo");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--calibration: unknown calibration \"likelihood\""), run.err());
        assertTrue(run.err().contains("streaming-likelihood"), "the message lists the methods: " + run.err());
    }

    @Test
    void aLoadTooSmallForTheWindowIsBadUsage() {
        CliRunner.Run run = CliRunner.run("bench", "--records", "100", "--series", "20", "--model", "models/demo");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--records 100 is too few"), run.err());
    }
}
