package io.vigil.app;

import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.ListenerSecurity;
import io.vigil.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose client listener speaks TLS only and requires a client certificate, with throwaway
 * key and trust stores made by {@code keytool}: the detector, configured through {@code kafka.ssl.*}
 * keys, scores end to end without any store password showing; a client that does not trust the
 * broker, or has no certificate to show it, stops at once with an authentication error.
 */
class TlsDetectorIT {
    private static EmbeddedKafka kafka;
    private static TestCertificates certs;

    @TempDir
    static Path stores;
    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        certs = TestCertificates.create(stores);
        kafka = EmbeddedKafka.start(ListenerSecurity.mutualTls(certs));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void aDetectorConfiguredOnlyThroughKafkaKeysScoresOverMutualTlsAndNeverShowsAStorePassword() throws Exception {
        SecuredRun run = new SecuredRun(dir);
        Path config = run.config("tls", kafka, ListenerSecurity.mutualTls(certs).clientProperties());

        run.scoresEndToEndWithoutShowingSecrets(kafka, config,
                List.of("kafka.ssl.keystore.password", "kafka.ssl.key.password", "kafka.ssl.truststore.password"),
                List.of(certs.password()));
    }

    @Test
    void aClientThatDoesNotTrustTheBrokerOrHasNoCertificateStopsAtOnceWithAnAuthenticationError() throws Exception {
        SecuredRun run = new SecuredRun(dir);
        Map<String, String> untrusting = new HashMap<>(ListenerSecurity.mutualTls(certs).clientProperties());
        untrusting.keySet().removeIf(k -> k.startsWith("ssl.truststore."));
        Map<String, String> anonymous = new HashMap<>(ListenerSecurity.mutualTls(certs).clientProperties());
        anonymous.keySet().removeIf(k -> k.startsWith("ssl.keystore.") || k.equals("ssl.key.password"));
        String refused = "authentication with Kafka at " + kafka.bootstrapServers() + " failed";

        run.assertTurnedAway(run.config("tls-untrusting", kafka, untrusting), refused, List.of(certs.password()));
        run.assertTurnedAway(run.config("tls-anonymous", kafka, anonymous), refused, List.of(certs.password()));
    }
}
