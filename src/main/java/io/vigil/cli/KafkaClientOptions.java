package io.vigil.cli;

import io.vigil.broker.ClientSettings;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where a command's Kafka client connects, and how: shared by {@code produce} and {@code tail}. */
final class KafkaClientOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: kafka.bootstrap.servers from --config, else localhost:9092)")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "properties file; its kafka.* keys go to the Kafka client (e.g. kafka.security.protocol)")
    Path config;

    /** The client properties: the file's kafka.* keys, with --bootstrap over them. */
    Properties clientProperties() {
        return ClientSettings.load(config, bootstrap);
    }
}
