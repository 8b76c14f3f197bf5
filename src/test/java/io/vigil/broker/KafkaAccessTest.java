package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.telemetry.InputException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {
    static final String BROKER = "kafka-1:9093";

    @Test
    void aRejectedPasswordIsBadInputNamingTheBrokerAndTheSettingsToCheck() {
        InputException e = assertThrows(InputException.class, () -> KafkaAccess.throwIfRefused(
                new ExecutionException(new SaslAuthenticationException("Authentication failed: Invalid username or password")), BROKER));

        assertEquals("authentication with Kafka at kafka-1:9093 failed: Authentication failed: Invalid username or password;"
                + " check kafka.security.protocol and the kafka.sasl.* or kafka.ssl.* settings", e.getMessage());
    }

    @Test
    void aFailedTlsHandshakeSaysWhichCertificateWasRefused() {
        SslAuthenticationException ssl = new SslAuthenticationException("SSL handshake failed");
        ssl.initCause(new SSLHandshakeException("PKIX path building failed"));

        InputException e = assertThrows(InputException.class, () -> KafkaAccess.throwIfRefused(ssl, BROKER));

        assertEquals("authentication with Kafka at kafka-1:9093 failed: SSL handshake failed (PKIX path building failed);"
                + " check kafka.security.protocol and the kafka.sasl.* or kafka.ssl.* settings", e.getMessage());
    }

    @Test
    void aMissingAclIsBadInputPointingAtTheDocumentedAcls() {
        InputException e = assertThrows(InputException.class, () -> KafkaAccess.throwIfRefused(
                new TopicAuthorizationException("Not authorized to access topics: [telemetry]"), BROKER));

        assertEquals("Kafka at kafka-1:9093 denied access: Not authorized to access topics: [telemetry];"
                + " grant this principal the ACLs listed in docs/operations.md (Security)", e.getMessage());
    }

    @Test
    void otherFailuresAreLeftToTheCaller() {
        assertDoesNotThrow(() -> KafkaAccess.throwIfRefused(new ExecutionException(new TimeoutException("timed out")), BROKER));
        assertDoesNotThrow(() -> KafkaAccess.throwIfRefused(null, BROKER));
    }
}
