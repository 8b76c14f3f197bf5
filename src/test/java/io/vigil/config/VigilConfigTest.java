package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.detect.Spot;
import io.vigil.detect.Suppression;
import io.vigil.stream.WindowSettings.GapPolicy;
import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenOnlyTheModelIsGiven() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir), Map.of());

        assertEquals("vigil", c.applicationId());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "vigil-state"), c.stateDir());
        assertEquals(dir.resolve("models/m"), c.modelDir());
        assertEquals(Optional.empty(), c.modelVersion());
        assertEquals(Duration.ofSeconds(30), c.modelPollInterval());
        assertEquals("telemetry", c.topicInput());
        assertEquals("anomaly-scores", c.topicScores());
        assertEquals("anomaly-alerts", c.topicAlerts());
        assertEquals("telemetry-dlq", c.topicDeadLetter());
        assertEquals(Optional.empty(), c.topicEmbeddings());
        assertEquals(6, c.topicPartitions());
        assertEquals(1, c.topicReplication());
        assertTrue(c.topicCreate());
        assertEquals(1, c.windowHop());
        assertEquals(Duration.ZERO, c.grace());
        assertEquals(Optional.empty(), c.maxGap());
        assertEquals(GapPolicy.RESET, c.gapPolicy());
        assertEquals(1_048_576, c.recordMaxBytes());
        assertEquals(65_536, c.dlqMaxValueBytes());
        assertEquals(Duration.ofDays(7), c.seriesIdleTtl());
        assertEquals(256, c.batchMax());
        assertEquals(Duration.ofMillis(25), c.batchLinger());
        assertEquals(Optional.empty(), c.threshold());
        assertEquals("0.0.0.0", c.metricsBind());
        assertEquals(9400, c.metricsPort());
        assertEquals(Map.of("bootstrap.servers", "localhost:9092", "processing.guarantee", "exactly_once_v2"),
                c.kafkaProperties());
        assertEquals(new DetectorConfig(0.95, 3, 5, 0.999, 3), c.detector(0.95));
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void fileValuesOverrideDefaults() {
        Path file = ConfigFiles.write(dir, "topic.input = metrics", "batch.max=64", "gap.policy=carry",
                "topic.create=false", "threshold=0.97", "alert.open.after=2", "metrics.port=0",
                "kafka.num.stream.threads=2", "model.version=20261123T182628Z");

        VigilConfig c = VigilConfig.load(file, Map.of());

        assertEquals("metrics", c.topicInput());
        assertEquals(64, c.batchMax());
        assertEquals(GapPolicy.CARRY, c.gapPolicy());
        assertFalse(c.topicCreate());
        assertEquals(Optional.of(0.97), c.threshold());
        assertEquals(0, c.metricsPort());
        assertEquals(Optional.of("20261123T182628Z"), c.modelVersion());
        assertEquals("2", c.kafkaProperties().get("num.stream.threads"));
        assertEquals(new DetectorConfig(0.97, 2, 5, 0.999, 3), c.detector(0.5), "threshold beats the model's");
    }

    @Test
    void alertRuleKeysReachTheDetector() {
        Path file = ConfigFiles.write(dir, "alert.cooldown=400", "alert.warmup=100", "alert.suppress.absolute=0.5",
                "alert.suppress.relative=0.02", "range.guard.margin=0.1");

        DetectorConfig d = VigilConfig.load(file, Map.of("VIGIL_ALERT_COOLDOWN", "200")).detector(0.9);

        assertEquals(new DetectorConfig(0.9, 3, 5, 0.999, 3, 200, 100, new Suppression(0.5, 0.02), OptionalDouble.of(0.1)), d);
    }

    @Test
    void environmentOverridesTheFile() {
        Path file = ConfigFiles.write(dir, "batch.max=64", "topic.scores=from-file");

        VigilConfig c = VigilConfig.load(file, Map.of("VIGIL_BATCH_MAX", "128", "PATH", "/usr/bin"));

        assertEquals(128, c.batchMax());
        assertEquals("from-file", c.topicScores());
        assertTrue(c.describe().contains("batch.max = 128  (from env VIGIL_BATCH_MAX)"), c.describe());
        assertTrue(c.describe().contains("topic.scores = from-file  (from vigil.properties)"), c.describe());
        assertTrue(c.describe().contains("topic.input = telemetry  (default)"), c.describe());
    }

    @Test
    void environmentNamesMapBackToDottedAndDashedKeys() {
        Map<String, String> env = Map.of(
                "VIGIL_TOPIC_DEAD_LETTER", "dead",
                "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                "VIGIL_KAFKA_SASL_JAAS_CONFIG", "x required;",
                "VIGIL_ALERT_TOP_FEATURES", "5",
                "VIGIL_DLQ_MAX_VALUE_BYTES", "100",
                "VIGIL_JAVA_OPTS", "-Xmx1g");

        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir), env);

        assertEquals("dead", c.topicDeadLetter());
        assertEquals("broker-1:9092,broker-2:9092", c.kafkaProperties().get("bootstrap.servers"));
        assertEquals("x required;", c.kafkaProperties().get("sasl.jaas.config"));
        assertEquals(5, c.detector(0.9).topFeatures());
        assertEquals(100, c.dlqMaxValueBytes());
        assertEquals(List.of(), c.warnings(), "the launcher's own variables are not config keys");
        assertEquals("VIGIL_TOPIC_DEAD_LETTER", ConfigKeys.envName("topic.dead-letter"));
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Path file = ConfigFiles.write(dir, "grace=PT5M", "max.gap=90s", "model.poll.interval=0s", "series.idle.ttl=P2D");

        VigilConfig c = VigilConfig.load(file, Map.of("VIGIL_GRACE", "250ms"));

        assertEquals(Duration.ofMillis(250), c.grace());
        assertEquals(Optional.of(Duration.ofSeconds(90)), c.maxGap());
        assertEquals(Duration.ZERO, c.modelPollInterval(), "0 disables reload");
        assertEquals(Duration.ofDays(2), c.seriesIdleTtl());
        assertEquals(Duration.ofMinutes(5),
                VigilConfig.load(file, Map.of()).grace());
    }

    @Test
    void streamsPropertiesCarryKafkaSettingsApplicationIdStateDirAndGuarantee() {
        Path file = ConfigFiles.write(dir, "application.id=vigil-eu", "state.dir=" + dir.resolve("state"),
                "kafka.bootstrap.servers=broker:9092", "kafka.num.stream.threads=3");

        Properties p = VigilConfig.load(file, Map.of()).streamsProperties();

        Properties expected = new Properties();
        expected.put("application.id", "vigil-eu");
        expected.put("state.dir", dir.resolve("state").toString());
        expected.put("bootstrap.servers", "broker:9092");
        expected.put("processing.guarantee", "exactly_once_v2");
        expected.put("num.stream.threads", "3");
        assertEquals(expected, p);
    }

    @Test
    void atLeastOnceCanReplaceTheDefaultGuarantee() {
        Properties props = new Properties();
        props.setProperty("model.dir", dir.toString());
        props.setProperty("kafka.processing.guarantee", "at_least_once");

        assertEquals("at_least_once", VigilConfig.of(props, Map.of()).streamsProperties().get("processing.guarantee"));
    }

    @Test
    void stateDirExpandsJavaSystemProperties() {
        Path file = ConfigFiles.write(dir, "state.dir=${java.io.tmpdir}/other");

        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "other"), VigilConfig.load(file, Map.of()).stateDir());
    }

    @Test
    void spotCalibrationCarriesItsRiskAndItsThreshold() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir, "calibration=spot", "spot.risk=0.001"), Map.of());

        assertEquals(new CalibrationSettings(Calibration.SPOT, 0.001), c.calibration());
        assertEquals(0.999, c.calibration().defaultThreshold(0.95), 1e-12);
        assertEquals(CalibrationSettings.of(Calibration.VALIDATION_QUANTILE),
                VigilConfig.load(ConfigFiles.write(dir), Map.of()).calibration(), "the defaults");
    }

    @Test
    void theDailyBaselineFollowsTheConfiguredZoneAndUtcByDefault() {
        assertEquals(ZoneId.of("UTC"), VigilConfig.load(ConfigFiles.write(dir), Map.of()).calibration().dailyZone());
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir, "calibration=streaming-likelihood",
                "likelihood.daily.zone=Europe/Berlin"), Map.of("VIGIL_LIKELIHOOD_DAILY_ZONE", "Asia/Kolkata"));

        assertEquals(new CalibrationSettings(Calibration.STREAMING_LIKELIHOOD, Spot.DEFAULT_RISK, true, ZoneId.of("Asia/Kolkata")),
                c.calibration(), "the environment overrides the file");
    }

    @Test
    void aCriticalThresholdSetBelowTheModelsThresholdIsAnInputErrorNamingBoth() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir, "alert.critical.threshold=0.999"), Map.of());

        InputException e = assertThrows(InputException.class, () -> c.detector(0.9995));

        assertTrue(e.getMessage().startsWith("alert.critical.threshold = \"0.999\" (from "), e.getMessage());
        assertTrue(e.getMessage().contains("0.9995"), e.getMessage());
    }

    @Test
    void aDefaultedCriticalThresholdRisesAboveAHigherCalibrationThreshold() {
        VigilConfig spot = VigilConfig.load(ConfigFiles.write(dir, "calibration=spot"), Map.of());
        double spotThreshold = spot.calibration().defaultThreshold(0.99);
        assertEquals(0.9999, spotThreshold, 1e-12);
        DetectorConfig d = spot.detector(spotThreshold);
        assertEquals(0.9999, d.threshold(), 1e-12);
        assertEquals(0.99999, d.criticalThreshold(), 1e-12, "ten times rarer than the threshold");
        assertEquals(0.999, VigilConfig.load(ConfigFiles.write(dir), Map.of()).detector(0.99).criticalThreshold(), 1e-12,
                "below the default, the default stays");
    }

    @Test
    void aDefaultedCriticalThresholdRisesAboveAThresholdSetByTheUserToo() {
        DetectorConfig d = VigilConfig.load(ConfigFiles.write(dir, "threshold=0.9995"), Map.of()).detector(0.99);
        assertEquals(0.9995, d.threshold(), 1e-12);
        assertEquals(0.99995, d.criticalThreshold(), 1e-12, "ten times rarer than the threshold, as evaluate derives it");
        Path userCritical = ConfigFiles.write(dir, "threshold=0.9995", "alert.critical.threshold=0.999");
        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(userCritical, Map.of()));
        assertTrue(e.getMessage().startsWith("alert.critical.threshold = \"0.999\" (from "), "one set below is refused: " + e.getMessage());
    }
}
