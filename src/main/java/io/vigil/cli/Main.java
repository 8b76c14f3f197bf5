package io.vigil.cli;

import io.vigil.registry.ModelException;
import io.vigil.telemetry.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: wires subcommands, maps errors to exit codes. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil " + Main.VERSION,
        description = "Streaming anomaly detection for time-series telemetry with an LSTM autoencoder.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, EncodeCommand.class, LatentsCommand.class, RunCommand.class, ModelsCommand.class, BrokerCommand.class,
            ProduceCommand.class, TailCommand.class, NabCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final String VERSION = "0.1.0";
    /** Exit code for bad usage or bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure that is not the user's input. */
    public static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 2 bad usage or input, 1 failure. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    /** A user's mistake is one line and exit 2; anything else is a failure with its cause, exit 1. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof InputException || e instanceof ModelException || e instanceof IllegalArgumentException) {
            err.println("vigil " + cl.getCommandName() + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("vigil " + cl.getCommandName() + " failed: " + e);
        if (System.getenv("VIGIL_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set VIGIL_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return EXIT_FAILURE;
    }
}
