package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.telemetry.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {
    @TempDir
    Path dir;

    @Test
    void kafkaKeysPassWithoutPrefixAndTheBootstrapOptionWins() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.properties"), """
                kafka.bootstrap.servers=broker:9092
                kafka.security.protocol=SASL_SSL
                application.id=vigil
                """);
        Properties p = ClientSettings.load(file, "localhost:1234");
        assertEquals("localhost:1234", p.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertNull(p.getProperty("application.id"));
        assertEquals("broker:9092", ClientSettings.load(file, null).getProperty("bootstrap.servers"));
    }

    @Test
    void withoutAnythingTheLocalBrokerIsTheDefault() {
        assertEquals("localhost:9092", ClientSettings.load(null, null).getProperty("bootstrap.servers"));
    }

    @Test
    void aMissingConfigFileIsAnInputError() {
        assertThrows(InputException.class, () -> ClientSettings.load(dir.resolve("nope.properties"), null));
    }
}
