package io.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.detect.Calibration;
import io.vigil.detect.DetectorConfig;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.stream.WindowSettings;
import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Durations;
import io.vigil.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate reads the alerting keys as {@code vigil run} does, so an evaluation predicts the stream. */
class EvaluationSettingsTest {

    private static ModelMetadata model() {
        return ModelMetadataMapper.read(ModelDirectory.resolve(TestModels.hostsModel(), null));
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("model.dir", TestModels.hostsModel().toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void alertRulesReadTheSameAsTheStreamsConfig() {
        ModelMetadata model = model();
        for (Properties p : new Properties[] {props(), props("alert.cooldown", "12", "alert.warmup", "40",
                "alert.suppress.absolute", "0.25", "alert.suppress.relative", "0.05", "range.guard.margin", "0.2",
                "alert.open.after", "2")}) {
            assertEquals(VigilConfig.of(p, Map.of()).detector(model.calibration().threshold()),
                    EvaluationSettings.resolve(p, model).detector(), p.toString());
        }
    }

    @Test
    void calibrationKeysReadTheSameAsTheStreamsConfig() {
        ModelMetadata model = model();
        for (Properties p : new Properties[] {props(), props("calibration", "streaming-likelihood", "likelihood.daily.baseline", "false"),
            props("calibration", "spot", "spot.risk", "0.001"), props("calibration", "spot"),
            props("calibration", "streaming-likelihood", "likelihood.daily.zone", "America/New_York")}) {
            VigilConfig config = VigilConfig.of(p, Map.of());
            EvaluationSettings evaluation = EvaluationSettings.resolve(p, model);
            assertEquals(config.calibration(), evaluation.calibration(), p.toString());
            assertEquals(config.detector(config.calibration().defaultThreshold(model.calibration().threshold())),
                    evaluation.detector(), p.toString());
        }
        assertFalse(EvaluationSettings.resolve(props("likelihood.daily.baseline", "FALSE"), model).calibration().dailyBaseline());
        assertEquals(ZoneId.of("Asia/Kolkata"),
                EvaluationSettings.resolve(props("likelihood.daily.zone", " Asia/Kolkata "), model).calibration().dailyZone());
    }

    @Test
    void badAlertRuleValuesNameTheirKeys() {
        ModelMetadata model = model();
        for (String[] bad : new String[][] {{"alert.cooldown", "-3"}, {"alert.cooldown", "2.5"}, {"alert.warmup", "lots"},
            {"alert.suppress.absolute", "-1"}, {"alert.suppress.relative", "2"}, {"range.guard.margin", "-0.1"},
            {"range.guard.margin", "NaN"}, {"likelihood.daily.baseline", "yes"}, {"likelihood.daily.zone", "Europe/Berln"}}) {
            InputException e = assertThrows(InputException.class, () -> EvaluationSettings.resolve(props(bad), model));
            assertTrue(e.getMessage().startsWith(bad[0] + " = \"" + bad[1] + "\" (from properties): expected "), e.getMessage());
        }
    }

    @Test
    void everyBadValueRunRefusesEvaluateRefusesWithTheSameMessage() {
        ModelMetadata model = model();
        for (String[] bad : new String[][] {{"threshold", "1.5"}, {"alert.open.after", "2.0"}, {"alert.critical.threshold", "0.9"},
            {"calibration", "median"}, {"spot.risk", "0.5"}, {"max.gap", "0s"}, {"max.gap", "5 minutes"},
            {"model.version", "latest"}, {"alert.cooldown", ""}, {"threshold", "0.9995", "alert.critical.threshold", "0.999"}}) {
            Properties p = props(bad);
            // run refuses some values at load and the rest when it meets the model; evaluate at once.
            String run = assertThrows(InputException.class,
                    () -> VigilConfig.of(p, Map.of()).detector(model.calibration().threshold())).getMessage();
            String evaluate = assertThrows(InputException.class, () -> EvaluationSettings.resolve(p, model)).getMessage();
            assertEquals(run, evaluate, String.join("=", bad));
            assertTrue(evaluate.startsWith(bad.length > 2 ? bad[2] + " = " : bad[0] + " = "), evaluate);
        }
    }

    @Test
    void aThresholdAboveTheDefaultCriticalThresholdRaisesItInBoth() {
        ModelMetadata model = model();
        Properties p = props(new String[] {"threshold", "0.9995"});
        DetectorConfig run = VigilConfig.of(p, Map.of()).detector(model.calibration().threshold());
        DetectorConfig evaluate = EvaluationSettings.resolve(p, model).detector();
        assertEquals(0.99995, run.criticalThreshold(), 1e-12, "ten times rarer than the threshold");
        assertEquals(run, evaluate);
    }

    @Test
    void keysOnlyTheStreamNeedsMayBeAbsent() {
        ModelMetadata model = model();
        Properties noModelDir = new Properties();
        noModelDir.setProperty("alert.cooldown", "4");
        EvaluationSettings settings = EvaluationSettings.resolve(noModelDir, model);

        assertEquals(4, settings.detector().cooldown());
        assertEquals(VigilConfig.of(props("alert.cooldown", "4"), Map.of()).detector(model.calibration().threshold()),
                settings.detector());
    }

    @Test
    void maxGapAndModelVersionFallBackToTheModelsAndTheNewest() {
        ModelMetadata model = model();
        EvaluationSettings defaults = EvaluationSettings.resolve(props(), model);
        assertEquals(Durations.parse(model.training().maxGap()), defaults.maxGap());
        assertEquals("", defaults.modelVersion());

        EvaluationSettings set = EvaluationSettings.resolve(props("max.gap", "45m", "model.version", "20261123T182628Z"), model);
        assertEquals(Duration.ofMinutes(45), set.maxGap());
        assertEquals("20261123T182628Z", set.modelVersion());
    }

    @Test
    void windowsAreCutAsTheStreamCutsThemForTheModel() {
        ModelMetadata model = model();
        WindowSettings defaults = EvaluationSettings.resolve(props(), model).windows(model);
        assertEquals(WindowSettings.GapPolicy.RESET, defaults.gapPolicy());
        assertEquals(1, defaults.hop());
        assertEquals(Durations.parse(model.training().maxGap()), defaults.maxGap());

        Properties p = props("gap.policy", "carry", "window.hop", "3", "max.gap", "5m");
        WindowSettings set = EvaluationSettings.resolve(p, model).windows(model);
        VigilConfig run = VigilConfig.of(p, Map.of());
        assertEquals(run.gapPolicy(), set.gapPolicy());
        assertEquals(run.windowHop(), set.hop());
        assertEquals(Duration.ofMinutes(5), set.maxGap());
        assertEquals(Durations.parse(model.training().samplingInterval()), set.samplingInterval());
        assertEquals(model.window(), set.window());
    }

    @Test
    void theEnvironmentOverridesTheFileAsForRun(@TempDir Path dir) throws Exception {
        ModelMetadata model = model();
        Path file = Files.writeString(dir.resolve("eval.properties"), "alert.cooldown=4\nthreshold=0.95\n");
        Map<String, String> env = Map.of("VIGIL_ALERT_COOLDOWN", "9", "VIGIL_CALIBRATION", "spot");

        EvaluationSettings settings = EvaluationSettings.resolve(EvaluationSettings.read(file, env), model);

        assertEquals(9, settings.detector().cooldown());
        assertEquals(0.95, settings.detector().threshold(), 0.0);
        assertEquals(Calibration.SPOT, settings.calibration().method());
        assertEquals(Calibration.VALIDATION_QUANTILE, EvaluationSettings.resolve(EvaluationSettings.read(file, Map.of()), model)
                .calibration().method());
        assertEquals(Calibration.SPOT, EvaluationSettings.resolve(EvaluationSettings.read(null, env), model)
                .calibration().method(), "no --config: defaults and the environment");
    }

    @Test
    void aBadValueNamesTheFileOrTheVariableItCameFrom(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("eval.properties"), "alert.warmup=lots\n");

        InputException fromFile = assertThrows(InputException.class, () -> EvaluationSettings.read(file, Map.of()));
        InputException fromEnv = assertThrows(InputException.class,
                () -> EvaluationSettings.read(null, Map.of("VIGIL_SPOT_RISK", "0.5")));
        InputException missing = assertThrows(InputException.class,
                () -> EvaluationSettings.read(dir.resolve("nope.properties"), Map.of()));

        assertEquals("alert.warmup = \"lots\" (from eval.properties): expected a whole number of at least 0", fromFile.getMessage());
        assertTrue(fromEnv.getMessage().startsWith("spot.risk = \"0.5\" (from env VIGIL_SPOT_RISK): expected "), fromEnv.getMessage());
        assertTrue(missing.getMessage().contains("nope.properties does not exist"), missing.getMessage());
    }
}
