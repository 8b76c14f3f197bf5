package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {
    private static final String PASSWORD = "hunter2-s3cr3t";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"vigil\" password=\"" + PASSWORD + "\";";

    @TempDir
    Path dir;

    @Test
    void jaasConfigAndPasswordsNeverAppearInDescribeOrToString() {
        Path file = ConfigFiles.write(dir, "kafka.sasl.jaas.config=" + JAAS.replace("\"", "\\\""),
                "kafka.ssl.truststore.password=" + PASSWORD);

        VigilConfig c = VigilConfig.load(file, Map.of("VIGIL_KAFKA_SSL_KEY_PASSWORD", PASSWORD));

        assertEquals(JAAS, c.kafkaProperties().get("sasl.jaas.config"), "Kafka still gets the real value");
        for (String shown : new String[] {c.describe(), c.toString()}) {
            assertFalse(shown.contains(PASSWORD), shown);
            assertFalse(shown.contains("PlainLoginModule"), shown);
        }
        assertTrue(c.describe().contains("kafka.sasl.jaas.config = [redacted]  (from vigil.properties)"), c.describe());
        assertTrue(c.describe().contains("kafka.ssl.key.password = [redacted]  (from env VIGIL_KAFKA_SSL_KEY_PASSWORD)"));
        assertTrue(c.describe().contains("alert.top.features = 3  (default)"), "not a secret: " + c.describe());
    }

    @Test
    void secretValuesAreRedactedInErrorsToo() {
        Path file = ConfigFiles.write(dir, "kafka.ssl.key.password=" + PASSWORD, "batch.max=0");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void aSecretWrittenWithoutTheKafkaPrefixIsWarnedAboutByItsKeyAlone() {
        Path file = ConfigFiles.write(dir, "sasl.jaas.config=" + JAAS.replace("\"", "\\\""), "ssl.truststore.password=" + PASSWORD);

        VigilConfig c = VigilConfig.load(file, Map.of());

        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("\"sasl.jaas.config\"") && w.contains("kafka.")), c.warnings().toString());
        for (String shown : new String[] {String.join("\n", c.warnings()), c.describe(), c.toString()}) {
            assertFalse(shown.contains(PASSWORD), shown);
        }
    }

    @Test
    void onlyTheLastSegmentsOfAKeyDecideWhetherItIsSecret() {
        for (String secret : new String[] {"kafka.ssl.key.password", "kafka.sasl.jaas.config", "kafka.ssl.keystore.key",
                "kafka.ssl.keystore.password", "kafka.sasl.oauthbearer.client.credentials.client.secret",
                "kafka.sasl.oauthbearer.assertion.private.key.passphrase", "kafka.basic.auth.user.info", "api-token"}) {
            assertTrue(Secrets.isSecret(secret), secret);
        }
        for (String plain : new String[] {"alert.top.features", "topic.input", "kafka.key.serializer",
                "kafka.ssl.keystore.location", "kafka.sasl.oauthbearer.token.endpoint.url", "kafka.security.protocol",
                "kafka.default.key.serde"}) {
            assertFalse(Secrets.isSecret(plain), plain);
        }
    }
}
