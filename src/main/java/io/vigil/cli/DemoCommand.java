package io.vigil.cli;

import io.vigil.config.ConfigKeys;
import io.vigil.demo.Demo;
import io.vigil.demo.DemoModel;
import io.vigil.demo.DemoSettings;
import io.vigil.demo.HistoryWriter;
import io.vigil.demo.HostProfile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: a local broker, the detector with the demo model and live simulated telemetry with
 * injected anomalies, until Ctrl-C or {@code --duration}; then a summary of what was caught. Also writes
 * the demo's normal history ({@code --write-history}) and retrains the demo model ({@code --train-model}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run Vigil end to end on simulated telemetry with injected anomalies: no broker or Docker needed.")
final class DemoCommand implements Callable<Integer> {
    /** Set by bin/vigil: the repository, where models/demo lives. */
    static final String HOME_PROPERTY = "vigil.home";
    private static final long POLL_MS = 200;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--metrics-port", paramLabel = "P", description = "port of the Prometheus endpoint (default: ${DEFAULT-VALUE})")
    int metricsPort = DemoSettings.DEFAULT_METRICS_PORT;

    @Option(names = "--hosts", paramLabel = "N", description = "simulated hosts: web-1..3, db-1..2, cache-1, then more (default: ${DEFAULT-VALUE})")
    int hosts = DemoSettings.DEFAULT_HOSTS;

    @Option(names = "--speed", paramLabel = "X", description = "points per second per host; a point is 5 simulated minutes (default: ${DEFAULT-VALUE})")
    double speed = DemoSettings.DEFAULT_SPEED;

    @Option(names = "--seed", paramLabel = "S", description = "seeds the telemetry and the anomalies (default: ${DEFAULT-VALUE}; the history of --write-history and --train-model defaults to seed 1, the demo model's)")
    long seed = DemoSettings.DEFAULT_SEED;

    @Option(names = "--model", paramLabel = "DIR", description = "the model (default: models/demo in Vigil's directory)")
    Path model;

    @Option(names = "--calibration", paramLabel = "METHOD",
            description = "how errors become scores, as the config key calibration of vigil run: validation-quantile,"
                    + " mahalanobis, streaming-likelihood or spot (default: ${DEFAULT-VALUE})")
    String calibration = ConfigKeys.defaultOf(ConfigKeys.CALIBRATION);

    @Option(names = "--threshold", paramLabel = "T",
            description = "alert threshold on the calibrated score, in (0, 1), as the config key threshold (default: "
                    + DemoSettings.THRESHOLD + " with validation-quantile, else the method's default as in vigil run)")
    Double threshold;

    @Option(names = "--write-history", paramLabel = "FILE", description = "write --days of normal history as CSV and exit")
    Path history;

    @Option(names = "--days", paramLabel = "N", description = "days of history for --write-history and --train-model (default: ${DEFAULT-VALUE})")
    int days = DemoModel.HISTORY_DAYS;

    @Option(names = "--train-model", description = "write the history and train a new version of the demo model (into --model), then exit")
    boolean trainModel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("--duration " + durationSeconds + ": expected 0 (until Ctrl-C) or more seconds");
        }
        if (history != null) {
            long rows = HistoryWriter.write(history, historySeed(), HostProfile.fleet(hosts), days);
            out.printf("wrote %d rows (%d hosts, %d days) to %s%n", rows, hosts, days, history);
            return 0;
        }
        if (trainModel) {
            return train(out);
        }
        DemoSettings settings = new DemoSettings(modelDir(), hosts, speed, seed, metricsPort, calibration,
                threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
        if (!Files.isDirectory(settings.modelDir())) {
            throw new IllegalArgumentException("the demo model " + settings.modelDir() + " is missing; run from Vigil's directory, "
                    + "give --model DIR, or rebuild it with 'bin/vigil demo --train-model'");
        }
        settings.validate();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        // On Ctrl-C the hook waits (until the signal is closed) for the demo to print its summary and close.
        ShutdownSignal signal = ShutdownSignal.install(() -> {
            signalled.set(true);
            stop.countDown();
        });
        try {
            try (Demo demo = Demo.start(settings, out)) {
                long deadline = durationSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
                String failure = null;
                while (!stop.await(POLL_MS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                    failure = demo.failure();
                    if (failure != null) {
                        break;
                    }
                }
                demo.printer().line("");
                demo.printer().line("Stopping: the feed, then the detector and the broker ...");
                if (failure != null) {
                    spec.commandLine().getErr().println("vigil demo failed: " + failure);
                    return Main.EXIT_FAILURE;
                }
                demo.finish();
            }
            if (signalled.get()) {
                // Ctrl-C is how a demo ends, not a failure: everything is closed and printed, so end the
                // JVM with 0 now rather than the signal's 130/143 (the waiting hook keeps the JVM from exiting first).
                out.flush();
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
        } finally {
            signal.close();
        }
        return 0;
    }

    /** The history writer's seed: the model's own unless --seed was given. */
    private long historySeed() {
        return spec.commandLine().getParseResult().hasMatchedOption("--seed") ? seed : DemoModel.HISTORY_SEED;
    }

    /** Writes the history, then runs {@code vigil train} with the documented arguments. */
    private int train(PrintWriter out) throws Exception {
        Path dir = modelDir();
        Path csv = Files.createTempFile("vigil-demo-history-", ".csv");
        try {
            HistoryWriter.write(csv, historySeed(), HostProfile.fleet(hosts), days);
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(DemoModel.trainArguments(csv, dir));
            out.println("vigil " + String.join(" ", args));
            out.flush();
            return Main.commandLine().execute(args.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private Path modelDir() {
        return model != null ? model : defaultModelDir();
    }

    /** The shipped demo model: models/demo in Vigil's directory (set by bin/vigil), else under the working directory. */
    static Path defaultModelDir() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null ? DemoModel.DEFAULT_DIR : Path.of(home).resolve(DemoModel.DEFAULT_DIR);
    }
}
