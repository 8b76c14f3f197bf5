package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigErrorsTest {
    @TempDir
    Path dir;

    @Test
    void everyBadValueIsReportedAtOnceWithKeyValueOriginAndExpectation() {
        Path file = ConfigFiles.write(dir, "batch.max=lots", "grace=5 minutes", "gap.policy=skip",
                "topic.create=yes", "metrics.port=70000", "threshold=1.5");

        InputException e = assertThrows(InputException.class,
                () -> VigilConfig.load(file, Map.of("VIGIL_SERIES_IDLE_TTL", "0s")));

        List<String> lines = e.getMessage().lines().toList();
        assertTrue(lines.contains("batch.max = \"lots\" (from vigil.properties): expected a whole number from 1 to 65536"),
                e.getMessage());
        assertTrue(lines.contains("series.idle.ttl = \"0s\" (from env VIGIL_SERIES_IDLE_TTL): expected "
                + SettingsReader.DURATION + ", greater than zero"), e.getMessage());
        assertTrue(lines.contains("gap.policy = \"skip\" (from vigil.properties): expected one of reset, carry"),
                e.getMessage());
        assertTrue(lines.contains("topic.create = \"yes\" (from vigil.properties): expected true or false"), e.getMessage());
        assertTrue(e.getMessage().contains("grace = \"5 minutes\" (from vigil.properties): expected a duration"));
        assertTrue(e.getMessage().contains("metrics.port = \"70000\""));
        assertTrue(e.getMessage().contains("threshold = \"1.5\""));
        assertEquals(7, lines.size(), e.getMessage());
    }

    @Test
    void calibrationKeysNameTheirChoicesAndRange() {
        Path file = ConfigFiles.write(dir, "calibration=median", "spot.risk=0.5");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        List<String> lines = e.getMessage().lines().toList();
        assertTrue(lines.contains("calibration = \"median\" (from vigil.properties): expected one of validation-quantile,"
                + " mahalanobis, streaming-likelihood, spot"), e.getMessage());
        assertTrue(lines.contains("spot.risk = \"0.5\" (from vigil.properties): expected a probability in (0, 0.02),"
                + " such as 0.0001"), e.getMessage());
        assertEquals(2, lines.size(), e.getMessage());
    }

    @Test
    void anEmptyCalibrationIsReportedOnce() {
        Path file = ConfigFiles.write(dir, "calibration=");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        assertEquals(List.of("calibration = \"\" (from vigil.properties): expected one of validation-quantile, mahalanobis,"
                + " streaming-likelihood, spot"), e.getMessage().lines().toList());
    }

    @Test
    void aBadDailyBaselineZoneIsNamedWithWhatItTakes() {
        for (String bad : new String[] {"Europe/Berln", "CET+1", ""}) {
            InputException e = assertThrows(InputException.class,
                    () -> VigilConfig.load(ConfigFiles.write(dir, "likelihood.daily.zone=" + bad), Map.of()));

            assertEquals(List.of("likelihood.daily.zone = \"" + bad + "\" (from vigil.properties): expected a time zone id such as"
                    + " UTC, Europe/Berlin, America/New_York or Asia/Kolkata"), e.getMessage().lines().toList());
        }
    }

    @Test
    void badAlertRuleValuesNameTheirKeys() {
        Path file = ConfigFiles.write(dir, "alert.cooldown=-1", "alert.warmup=1.5", "alert.suppress.absolute=-2",
                "alert.suppress.relative=1.5", "range.guard.margin=wide");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        List<String> lines = e.getMessage().lines().toList();
        assertEquals(List.of(
                "alert.cooldown = \"-1\" (from vigil.properties): expected a whole number of at least 0",
                "alert.suppress.absolute = \"-2\" (from vigil.properties): expected a distance of at least 0 in the"
                        + " features' units, such as 0.5; 0 = off",
                "alert.suppress.relative = \"1.5\" (from vigil.properties): expected a fraction of the observed value"
                        + " from 0 to 1, such as 0.05; 0 = off",
                "alert.warmup = \"1.5\" (from vigil.properties): expected a whole number of at least 0",
                "range.guard.margin = \"wide\" (from vigil.properties): expected a fraction of the training range of"
                        + " at least 0, such as 0.1; empty = off"), lines.stream().sorted().toList());
    }

    @Test
    void missingOrAbsentModelDirectoryIsNamed() {
        Properties none = new Properties();
        InputException unset = assertThrows(InputException.class, () -> VigilConfig.of(none, Map.of()));
        assertTrue(unset.getMessage().startsWith("model.dir is not set: expected a model directory"), unset.getMessage());
        assertTrue(unset.getMessage().contains("VIGIL_MODEL_DIR"), unset.getMessage());

        InputException absent = assertThrows(InputException.class,
                () -> VigilConfig.of(none, Map.of("VIGIL_MODEL_DIR", dir.resolve("nope").toString())));
        assertTrue(absent.getMessage().contains("(from env VIGIL_MODEL_DIR)"), absent.getMessage());
        assertTrue(absent.getMessage().endsWith("it does not exist"), absent.getMessage());
    }

    @Test
    void missingFileSaysSoAndPointsAtTheExample() {
        InputException e = assertThrows(InputException.class,
                () -> VigilConfig.load(dir.resolve("nope.properties"), Map.of()));

        assertTrue(e.getMessage().contains("nope.properties does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("deploy/vigil.properties"), e.getMessage());
    }

    @Test
    void unknownFileKeyIsAWarningWithTheNearestKey() {
        Path file = ConfigFiles.write(dir, "treshold=0.9", "topic.deadletter=x", "bootstrap.servers=b:9092", "colour=blue");

        List<String> warnings = VigilConfig.load(file, Map.of()).warnings();

        assertEquals(List.of(
                "vigil.properties: unknown key \"bootstrap.servers\" — Kafka settings take the prefix \"kafka.\": "
                        + "did you mean \"kafka.bootstrap.servers\"?",
                "vigil.properties: unknown key \"colour\", ignored (Vigil's keys are listed in docs/configuration.md)",
                "vigil.properties: unknown key \"topic.deadletter\" — did you mean \"topic.dead-letter\"?",
                "vigil.properties: unknown key \"treshold\" — did you mean \"threshold\"?"), warnings);
    }

    @Test
    void unknownEnvironmentVariableIsAWarningNotAnError() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir), Map.of("VIGIL_BATCH_MAXX", "3", "VIGIL_COLOUR", "x"));

        assertEquals(List.of(
                "environment variable VIGIL_BATCH_MAXX matches no config key, ignored — did you mean VIGIL_BATCH_MAX?",
                "environment variable VIGIL_COLOUR matches no config key, ignored"), c.warnings());
        assertEquals(256, c.batchMax());
    }

    @Test
    void kafkaSettingsVigilOwnsAndBadKafkaValuesAreRefused() {
        Path file = ConfigFiles.write(dir, "kafka.application.id=x", "kafka.processing.guarantee=exactly_once",
                "kafka.bootstrap.servers=broker");

        String message = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of())).getMessage();

        assertTrue(message.contains("kafka.application.id = \"x\" (from vigil.properties): expected no value: "
                + "Vigil sets it from application.id"), message);
        assertTrue(message.contains("kafka.processing.guarantee = \"exactly_once\""), message);
        assertTrue(message.contains("kafka.bootstrap.servers = \"broker\" (from vigil.properties): expected host:port"), message);
    }

    @Test
    void sameTopicForTwoRolesAndCriticalBelowThresholdAreRefused() {
        Path file = ConfigFiles.write(dir, "topic.scores=telemetry", "threshold=0.99", "alert.critical.threshold=0.9",
                "model.version=latest", "topic.input=bad topic");

        String message = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of())).getMessage();

        assertTrue(message.contains("alert.critical.threshold = \"0.9\" (from vigil.properties): expected at least "
                + "threshold (0.99, from vigil.properties)"), message);
        assertTrue(message.contains("model.version = \"latest\""), message);
        assertTrue(message.contains("topic.input = \"bad topic\" (from vigil.properties): expected a Kafka name"), message);
        Path file2 = ConfigFiles.write(dir, "topic.scores=telemetry");
        String duplicate = assertThrows(InputException.class, () -> VigilConfig.load(file2, Map.of())).getMessage();
        assertEquals("topic.scores = \"telemetry\" (from vigil.properties): expected a value different from topic.input's",
                duplicate);
    }
}
