package io.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.telemetry.InputException;
import io.vigil.testing.TestModels;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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
            assertTrue(e.getMessage().startsWith("config: " + bad[0] + " "), e.getMessage());
        }
    }
}
