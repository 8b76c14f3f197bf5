package io.vigil.cli;

import io.vigil.broker.LocalBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil broker}: a local single-node Kafka for trying Vigil out, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a local single-node Kafka broker (KRaft) in this process until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", description = "client port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port = LocalBroker.DEFAULT_PORT;

    @Option(names = "--controller-port", paramLabel = "P", description = "KRaft controller port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int controllerPort = LocalBroker.DEFAULT_CONTROLLER_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "keep topics here across runs (default: a temporary directory, deleted at exit)")
    Path dataDir;

    @Option(names = "--topic", split = ",", paramLabel = "NAME[:PARTITIONS]",
            description = "topics to create at start, if missing (default: ${DEFAULT-VALUE}); partitions default to 1")
    List<String> topics = List.of(TopicList.VIGIL_DEFAULTS);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalBroker.Builder builder = LocalBroker.builder().port(port).controllerPort(controllerPort);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        // the signal is the outer resource: on Ctrl-C the JVM waits until the broker has closed
        try (ShutdownSignal signal = ShutdownSignal.install(() -> { });
             LocalBroker broker = builder.build()) {
            Map<String, Integer> wanted = TopicList.parse(topics);
            broker.start();
            broker.createTopics(wanted);
            spec.commandLine().getOut().printf("Kafka broker ready at %s (data: %s). Ctrl-C to stop.%n",
                    broker.bootstrapServers(), broker.dataDir());
            spec.commandLine().getOut().printf("Topics: %s%n", String.join(", ", wanted.keySet()));
            spec.commandLine().getOut().flush();
            signal.await();
            spec.commandLine().getOut().println("Stopping the Kafka broker ...");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
