package io.vigil.app;

import io.vigil.cli.CliRunner;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.ListenerSecurity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose client listener requires SASL/PLAIN: the detector, configured through nothing but
 * {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config},
 * scores end to end without the password ever showing; with a wrong password it and the CLI tools
 * stop at once with an authentication error.
 */
class SaslDetectorIT {
    static final String USER = "vigil";
    static final String PASSWORD = "pw-9f3c1e7a-sasl";
    static final String WRONG_PASSWORD = "pw-0000-wrong";
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(ListenerSecurity.saslPlain(USER, PASSWORD));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void aDetectorConfiguredOnlyThroughKafkaKeysScoresOverSaslAndNeverShowsThePassword() throws Exception {
        SecuredRun run = new SecuredRun(dir);
        Map<String, String> sasl = ListenerSecurity.saslPlainClient(USER, PASSWORD);
        Path config = run.config("sasl", kafka, sasl);

        run.scoresEndToEndWithoutShowingSecrets(kafka, config, List.of("kafka.sasl.jaas.config"),
                List.of(PASSWORD, sasl.get("sasl.jaas.config")));
    }

    @Test
    void aWrongPasswordStopsTheDetectorAndTheToolsAtOnceWithAnAuthenticationError() throws Exception {
        SecuredRun run = new SecuredRun(dir);
        Path config = run.config("sasl-wrong", kafka, ListenerSecurity.saslPlainClient(USER, WRONG_PASSWORD));

        run.assertTurnedAway(config, "authentication with Kafka at " + kafka.bootstrapServers() + " failed", List.of(WRONG_PASSWORD));
    }

    @Test
    void aWrongPasswordStopsTheDetectorEvenWhenKafkaStreamsIsTheFirstToMeetTheBroker() throws Exception {
        SecuredRun run = new SecuredRun(dir);
        Path config = run.config("sasl-wrong-no-create", kafka, ListenerSecurity.saslPlainClient(USER, WRONG_PASSWORD),
                Map.of("topic.create", "false"));

        SecuredRun.assertTurnedAway(List.of(CliRunner.run("run", "--config", config.toString())),
                "authentication with Kafka at " + kafka.bootstrapServers() + " failed", List.of(WRONG_PASSWORD));
    }
}
