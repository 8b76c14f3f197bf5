package io.vigil.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil run --config FILE} as a child JVM on the test's classpath, its output appended to a
 * log file, so that a test can SIGKILL it the way a crashed machine or an OOM killer would.
 */
final class DetectorProcess implements AutoCloseable {
    static final long EXIT_WAIT_SECONDS = 30;
    /** The detector's heap; the model and its TensorFlow session live outside it. */
    static final String HEAP = "-Xmx512m";
    static final long POLL_MS = 200;

    private final Process process;
    private final Path log;

    private DetectorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DetectorProcess start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, HEAP, "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-cp", System.getProperty("java.class.path"),
                "io.vigil.cli.Main", "run", "--config", config.toString()));
        // Only the config file configures the child: no VIGIL_* overrides leak in from the build's environment.
        pb.environment().keySet().removeIf(k -> k.startsWith("VIGIL_"));
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new DetectorProcess(pb.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the first line of its output that {@code pattern} finds in, and returns the match. */
    Matcher awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((process.isAlive() ? "no " + pattern + " in the output within " + timeout
                        : "the detector exited (" + process.exitValue() + ") before printing " + pattern) + "\n" + output());
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** SIGTERM, as a service manager stops it: the shutdown hook closes the streams, the model and the endpoint. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the detector (pid " + process.pid() + ") did not stop within " + EXIT_WAIT_SECONDS
                    + " s of SIGTERM\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no commit, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the detector (pid " + process.pid() + ") survived SIGKILL for " + EXIT_WAIT_SECONDS + " s");
        }
    }

    /** What the child printed so far, for assertion messages. */
    String output() {
        try {
            return Files.exists(log) ? "--- " + log.getFileName() + " ---\n" + Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
