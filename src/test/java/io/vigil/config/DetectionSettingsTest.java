package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.Calibration;
import io.vigil.stream.WindowSettings.GapPolicy;
import io.vigil.telemetry.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection keys read alone, as {@code vigil evaluate} reads them, and as part of the whole config for {@code vigil run}. */
class DetectionSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readAloneTheyNeedNoModelDirectoryAndLeaveTheStreamsKeysToRun() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.properties"),
                "topic.input=bad topic\nkafka.bootstrap.servers=broker\nmetrics.port=70000\nmax.gap=10m\ncalibration=spot\n");

        DetectionSettings alone = DetectionSettings.load(file, Map.of("VIGIL_MODEL_VERSION", "20261123T182628Z"));

        assertEquals(Optional.of(Duration.ofMinutes(10)), alone.maxGap());
        assertEquals(Optional.of("20261123T182628Z"), alone.modelVersion());
        assertEquals(Calibration.SPOT, alone.calibration().method());
        String run = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of())).getMessage();
        assertTrue(run.contains("model.dir is not set") && run.contains("topic.input") && run.contains("metrics.port"), run);
    }

    @Test
    void runReadsTheSameDetectionSettings() {
        Path file = ConfigFiles.write(dir, "threshold=0.97", "alert.cooldown=5", "calibration=streaming-likelihood",
                "likelihood.daily.baseline=false", "max.gap=2m");
        Map<String, String> env = Map.of("VIGIL_ALERT_WARMUP", "12");

        VigilConfig run = VigilConfig.load(file, env);
        DetectionSettings alone = DetectionSettings.load(file, env);

        assertEquals(alone.detector(0.9), run.detector(0.9));
        assertEquals(alone.calibration(), run.calibration());
        assertEquals(alone.maxGap(), run.maxGap());
        assertEquals(12, run.detection().detector(0.9).warmup());
    }

    @Test
    void theWindowKeysAreReadForEvaluateAsForRun() {
        Path file = ConfigFiles.write(dir, "gap.policy=carry");
        Map<String, String> env = Map.of("VIGIL_WINDOW_HOP", "4");

        VigilConfig run = VigilConfig.load(file, env);
        DetectionSettings alone = DetectionSettings.load(file, env);

        assertEquals(GapPolicy.CARRY, alone.gapPolicy());
        assertEquals(4, alone.windowHop());
        assertEquals(alone.gapPolicy(), run.gapPolicy());
        assertEquals(alone.windowHop(), run.windowHop());
        assertEquals(GapPolicy.RESET, DetectionSettings.of(new Properties(), Map.of()).gapPolicy());
        assertEquals(1, DetectionSettings.of(new Properties(), Map.of()).windowHop());
    }

    @Test
    void badWindowKeysGetRunsMessages() {
        Path file = ConfigFiles.write(dir, "gap.policy=fill", "window.hop=0");

        String alone = assertThrows(InputException.class, () -> DetectionSettings.load(file, Map.of())).getMessage();

        assertTrue(alone.contains("gap.policy = \"fill\"") && alone.contains("reset") && alone.contains("carry"), alone);
        assertTrue(alone.contains("window.hop = \"0\""), alone);
        String run = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of())).getMessage();
        for (String line : alone.lines().filter(l -> l.contains("gap.policy") || l.contains("window.hop")).toList()) {
            assertTrue(run.contains(line.strip()), "run says it too: " + line + "\n" + run);
        }
    }

    @Test
    void unknownKeysAreWarningsAsForRun() throws Exception {
        Path file = Files.writeString(dir.resolve("eval.properties"), "treshold=0.9\n");

        assertEquals(List.of("eval.properties: unknown key \"treshold\" — did you mean \"threshold\"?"),
                DetectionSettings.load(file, Map.of()).warnings());
    }
}
