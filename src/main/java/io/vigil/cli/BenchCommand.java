package io.vigil.cli;

import io.vigil.bench.Bench;
import io.vigil.bench.BenchResult;
import io.vigil.bench.BenchSettings;
import io.vigil.config.ConfigKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench}: the detector's throughput with and without inference, and its latency, on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the detector on this machine: a local broker, synthetic telemetry, records/s with the model and",
            "with a pass-through scorer, then latency (send to committed score) at half the model's throughput."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--records", paramLabel = "N", description = "records to load (default: 1,000,000, or 8 windows per series if more)")
    long records;

    @Option(names = "--series", paramLabel = "K", description = "series (default: ${DEFAULT-VALUE})")
    int series = BenchSettings.DEFAULT_SERIES;

    @Option(names = "--partitions", paramLabel = "P", description = "partitions of the bench's topics (default: ${DEFAULT-VALUE})")
    int partitions = BenchSettings.DEFAULT_PARTITIONS;

    @Option(names = "--threads", paramLabel = "N", description = "Kafka Streams threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--batch-max", paramLabel = "N", description = "batch.max (default: ${DEFAULT-VALUE})")
    int batchMax = Integer.parseInt(ConfigKeys.defaultOf(ConfigKeys.BATCH_MAX));

    @Option(names = "--batch-linger-ms", paramLabel = "MS", description = "batch.linger.ms (default: ${DEFAULT-VALUE})")
    int batchLingerMs = Integer.parseInt(ConfigKeys.defaultOf(ConfigKeys.BATCH_LINGER_MS));

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            description = "Kafka Streams' commit.interval.ms: how often the exactly-once transaction commits (default: Kafka's, 100)")
    int commitIntervalMs;

    @Option(names = "--latency-seconds", paramLabel = "S", description = "length of each latency run; 0 skips them (default: ${DEFAULT-VALUE})")
    int latencySeconds = BenchSettings.DEFAULT_LATENCY_SECONDS;

    @Option(names = "--latency-rate", paramLabel = "R", description = "records/s of the latency runs (default: half the model run's throughput)")
    double latencyRate;

    @Option(names = "--calibration", paramLabel = "METHOD",
            description = "how errors become scores, as the config key calibration; streaming-likelihood and spot keep per-series state"
                    + " (default: ${DEFAULT-VALUE})")
    String calibration = ConfigKeys.defaultOf(ConfigKeys.CALIBRATION);

    @Option(names = "--rocksdb-memory-max-bytes", paramLabel = "BYTES",
            description = "the detector's rocksdb.memory.max.bytes: one bound for all its RocksDB stores (default: 0, unbounded)")
    long rocksDbMemoryMaxBytes;

    @Option(names = "--model", paramLabel = "DIR", description = "the model (default: models/demo in Vigil's directory: T=32, F=4, H=32)")
    Path model;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        quietLogs();
        PrintWriter out = spec.commandLine().getOut();
        Path modelDir = model != null ? model : DemoCommand.defaultModelDir();
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("--model " + modelDir + " is not a directory");
        }
        BenchSettings settings = new BenchSettings(records, series, partitions, threads, batchMax, batchLingerMs, commitIntervalMs,
                latencySeconds, latencyRate, modelDir, BenchSettings.calibration(calibration), rocksDbMemoryMaxBytes);
        BenchResult result = Bench.run(settings, out);
        out.printf(Locale.ROOT, "%ncalibration %s: model %,.0f records/s, pass-through %,.0f records/s, ratio %.2f%n",
                settings.calibration().wireName(), result.withModel().recordsPerSecond(), result.passThrough().recordsPerSecond(),
                result.ratio());
        if (result.modelLatency() != null) {
            out.printf(Locale.ROOT, "latency at %,.0f records/s: p50 %d ms, p99 %d ms (pass-through p99 %d ms)%n",
                    result.modelLatency().recordsPerSecond(), result.modelLatency().p50Ms(), result.modelLatency().p99Ms(),
                    result.passThroughLatency().p99Ms());
        }
        if (json != null) {
            result.toJson(json);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /**
     * The bench prints its own progress. Its in-process broker and short-lived detectors would add their
     * start-up lines, and the broker logs at ERROR the retriable sequence errors a transactional producer
     * gets on partitions created a moment earlier (KAFKA-18202), which the producer retries.
     */
    private static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.log.io.vigil", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager", "off");
    }
}
