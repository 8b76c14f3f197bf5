package io.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real command line in-process and keeps what it wrote to stderr (and to picocli's stdout). */
final class CliRunner {
    record Run(int exitCode, String err, String out) {
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute(args);
        return new Run(code, err.toString(), out.toString());
    }
}
