package io.vigil.telemetry;

/**
 * A user's input is wrong: a file, a line, a column or an option. The message says what, where,
 * and what was expected, e.g. {@code line 17 of cpu.csv: column "mem" is "n/a", expected a number}.
 * The CLI turns it into exit code 2 without a stack trace.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error located at a line of a file: {@code line 17 of cpu.csv: <what>}. */
    public static InputException at(String file, long line, String what) {
        return new InputException("line " + line + " of " + file + ": " + what);
    }
}
