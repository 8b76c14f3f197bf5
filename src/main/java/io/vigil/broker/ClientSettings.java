package io.vigil.broker;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka client properties of a command-line tool: the {@code kafka.*} keys of an optional
 * properties file with the prefix dropped (e.g. {@code kafka.security.protocol=SASL_SSL}), then the
 * bootstrap address. Vigil's own top-level keys in the same file are not the clients' business.
 */
public final class ClientSettings {
    /** The prefix of keys passed straight to the Kafka clients. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** How long a tool waits for a broker before saying it is unreachable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ClientSettings() {
    }

    /**
     * Client properties from {@code configFile} (may be null) with {@code bootstrap} (may be null)
     * taking precedence over {@code kafka.bootstrap.servers}; {@code localhost:9092} when neither is given.
     */
    public static Properties load(Path configFile, String bootstrap) {
        Properties clients = new Properties();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (NoSuchFileException e) {
                throw new InputException(configFile + ": config file not found");
            } catch (IOException | IllegalArgumentException e) {
                throw new InputException(configFile + ": cannot read the properties file: " + e.getMessage(), e);
            }
            for (String key : file.stringPropertyNames()) {
                if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                    clients.setProperty(key.substring(KAFKA_PREFIX.length()), file.getProperty(key).trim());
                }
            }
        }
        if (bootstrap != null && !bootstrap.isBlank()) {
            clients.setProperty("bootstrap.servers", bootstrap.trim());
        }
        clients.putIfAbsent("bootstrap.servers", LocalBroker.HOST + ":" + LocalBroker.DEFAULT_PORT);
        return clients;
    }

    static String bootstrap(Properties clients) {
        return clients.getProperty("bootstrap.servers");
    }
}
