package io.vigil.cli;

import io.vigil.broker.BrokerUnreachableException;
import io.vigil.broker.RatePacer;
import io.vigil.broker.TelemetryFiles;
import io.vigil.broker.TelemetryProducer;
import io.vigil.broker.TelemetryTimeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil produce}: replays a CSV or JSON-lines file into a topic as Vigil telemetry. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a CSV or JSON-lines file to a topic as telemetry, in timestamp order across series.")
final class ProduceCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    KafkaClientOptions kafka;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "topic to send to, e.g. telemetry")
    String topic;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "CSV (.csv, .csv.gz) or JSON-lines (.jsonl, .ndjson, .json) files")
    List<Path> inputs;

    @Option(names = "--series", paramLabel = "NAME", description = "series id for the input's one series (default: the file name, or the series column)")
    String series;

    @Option(names = "--series-column", paramLabel = "C", description = "CSV column holding series ids (default: one series per file)")
    String seriesColumn;

    @Option(names = "--timestamp-column", paramLabel = "C", description = "CSV timestamp column (default: ${DEFAULT-VALUE})")
    String timestampColumn = "timestamp";

    @Option(names = "--rate", paramLabel = "N", description = "records per second in total (default: as fast as possible)")
    double rate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("--rate " + rate + " is negative; expected records per second, or 0 for no limit");
        }
        TelemetryTimeline timeline = TelemetryFiles.read(inputs, timestampColumn, seriesColumn, series);
        TelemetryProducer producer = new TelemetryProducer(kafka.clientProperties(), topic);
        PrintWriter out = spec.commandLine().getOut();
        try {
            TelemetryProducer.Summary s = producer.send(timeline, RatePacer.perSecond(rate));
            out.printf(Locale.ROOT, "Sent %d records to %s in %.1f s (%.0f records/s).%n",
                    s.records(), topic, s.elapsed().toMillis() / 1000.0, s.recordsPerSecond());
            out.flush();
            return 0;
        } catch (BrokerUnreachableException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vigil produce: " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
    }
}
