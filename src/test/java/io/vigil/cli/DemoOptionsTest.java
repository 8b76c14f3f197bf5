package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.Calibration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil demo --calibration/--threshold}: a mistake is one line and exit 2, before any broker starts. */
class DemoOptionsTest {
    @TempDir
    Path model;

    @Test
    void anUnknownCalibrationExitsTwoWithTheMethodsBeforeStartingAnything() {
        CliRunner.Run r = CliRunner.run("demo", "--model", model.toString(), "--calibration", "quantile", "--metrics-port", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.err());
        assertEquals("vigil demo: calibration = \"quantile\" (from vigil demo's options): expected one of " + Calibration.names(),
                r.err().strip());
        assertTrue(r.out().isEmpty(), "no banner: nothing started\n" + r.out());
    }

    @Test
    void aThresholdOutOfRangeOrNotANumberExitsTwo() {
        CliRunner.Run range = CliRunner.run("demo", "--model", model.toString(), "--calibration", "streaming-likelihood",
                "--threshold", "1.2");
        assertEquals(Main.EXIT_BAD_INPUT, range.exitCode(), range.err());
        assertTrue(range.err().startsWith("vigil demo: threshold = \"1.2\" (from vigil demo's options): expected a number between 0 and 1"),
                range.err());
        CliRunner.Run text = CliRunner.run("demo", "--model", model.toString(), "--threshold", "high");
        assertEquals(Main.EXIT_BAD_INPUT, text.exitCode(), text.err());
        assertTrue(text.err().contains("--threshold") && text.err().contains("high"), text.err());
    }

    @Test
    void helpListsBothOptions() {
        CliRunner.Run r = CliRunner.run("demo", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--calibration=METHOD") && r.out().contains("--threshold=T"), r.out());
    }
}
