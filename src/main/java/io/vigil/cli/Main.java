package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: wires subcommands, maps errors to exit codes. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Streaming anomaly detection for time-series telemetry with an LSTM autoencoder.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 2 bad usage or input, 1 failure. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
