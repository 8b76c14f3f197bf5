package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code vigil demo} as a user runs it, in-process: broker, detector, live feed and alert reader start
 * from nothing, injected anomalies are caught, and the run ends with a summary and exit 0.
 */
class DemoIT {
    static final Pattern CAUGHT = Pattern.compile("injected anomalies caught: (\\d+) of (\\d+)");

    @Test
    void demoRunsEndToEndCatchesAnomaliesAndSummarises() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();
        int code = cl.execute("demo", "--duration", "30", "--seed", "42", "--metrics-port", "0");
        String text = out.toString();
        System.out.println(text);
        assertEquals(0, code, "exit code; stderr:\n" + err);
        assertTrue(text.contains("Vigil demo:"), "banner");
        assertTrue(text.contains("Kafka broker:  localhost:"), "broker address");
        assertTrue(text.contains("calibration validation-quantile, threshold 0.9995,"), "the default calibration and the demo's threshold");
        assertTrue(text.contains("Metrics:"), "metrics line");
        assertTrue(text.contains("Press Ctrl-C to stop"), "how to stop");
        assertTrue(text.contains(" inject "), "anomalies announced");
        assertTrue(text.contains(" OPEN "), "alerts printed");
        Matcher m = CAUGHT.matcher(text);
        assertTrue(m.find(), "summary of caught anomalies");
        assertTrue(Integer.parseInt(m.group(1)) >= 1, "at least one injected anomaly caught: " + m.group());
        assertTrue(text.contains("false alerts: "), "false alerts line");
        assertTrue(text.contains("median detection delay: "), "delay line");
        assertTrue(text.contains("First window scored"), "time to first score");
        assertTrue(System.nanoTime() - started < 90e9, "the demo stops soon after --duration");
    }

    @Test
    void anotherCalibrationRunsWithItsOwnDefaultThreshold() {
        CliRunner.Run r = CliRunner.run("demo", "--duration", "5", "--calibration", "streaming-likelihood", "--metrics-port", "0");
        System.out.println(r.out());
        assertEquals(0, r.exitCode(), "exit code; stderr:\n" + r.err());
        assertTrue(r.out().contains("calibration streaming-likelihood, threshold 0.9,"), "the running detector's method and threshold");
        assertTrue(r.out().contains("injected anomalies caught: "), "a summary");
    }
}
