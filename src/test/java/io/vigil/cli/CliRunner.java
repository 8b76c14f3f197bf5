package io.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/** Runs the real command line in-process and keeps what it wrote to stdout and stderr, and how long it took. */
public final class CliRunner {
    public record Run(int exitCode, String out, String err, Duration took) {
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    private CliRunner() {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
}
