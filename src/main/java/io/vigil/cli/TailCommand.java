package io.vigil.cli;

import io.vigil.broker.BrokerUnreachableException;
import io.vigil.broker.TopicTail;
import io.vigil.telemetry.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil tail}: prints a topic's committed records readably, one line each. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a topic's committed records, one readable line each (scores, alerts, dead letters, telemetry).")
final class TailCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    KafkaClientOptions kafka;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "topic to read, e.g. anomaly-scores")
    String topic;

    @Option(names = "--series", paramLabel = "S", description = "only records whose key is this series id")
    String series;

    @Option(names = "--from-beginning", description = "start at the oldest record (default: only new ones)")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "stop after N records (default: no limit)")
    long max;

    @Option(names = "--timeout", paramLabel = "D", description = "stop after this long without a record, e.g. 10s (default: never)")
    String timeout;

    @Option(names = "--raw", description = "print key and value as they are")
    boolean raw;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration idle = timeout == null ? null : Durations.parse(timeout);
        TopicTail tail = new TopicTail(kafka.clientProperties(),
                new TopicTail.Options(topic, series, fromBeginning, max, idle, raw));
        PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignal signal = ShutdownSignal.install(tail::stop)) {
            tail.run(line -> {
                out.println(line);
                out.flush();
            });
            return 0;
        } catch (BrokerUnreachableException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vigil tail: " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
    }
}
