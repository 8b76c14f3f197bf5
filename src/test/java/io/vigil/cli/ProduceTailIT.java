package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.broker.LocalBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil produce} and {@code vigil tail} against a real local broker, through the real command line. */
class ProduceTailIT {
    private static LocalBroker broker;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err, Duration took) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void startBroker() {
        broker = LocalBroker.builder().port(0).build().start();
        broker.createTopics(Map.of("hosts", 3, "paced", 1));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void producedCsvTailsBackAsReadableTelemetryInTimestampOrderPerSeries() throws Exception {
        Path csv = Files.writeString(dir.resolve("hosts.csv"), """
                timestamp,host,cpu,mem
                2026-11-23T10:00:00Z,web-1,0.5,0.25
                2026-11-23T10:00:00Z,web-2,0.1,0.75
                2026-11-23T10:01:00Z,web-1,0.6,0.25
                2026-11-23T10:01:00Z,web-2,0.2,0.75
                2026-11-23T10:02:00Z,web-1,0.7,0.5
                """);
        Run produce = vigil("produce", "--bootstrap", broker.bootstrapServers(), "--topic", "hosts",
                "--input", csv.toString(), "--series-column", "host");
        assertEquals(0, produce.exitCode(), produce.err());
        assertTrue(produce.out().startsWith("Sent 5 records to hosts in "), produce.out());

        Run tail = vigil("tail", "--bootstrap", broker.bootstrapServers(), "--topic", "hosts",
                "--from-beginning", "--max", "5", "--timeout", "20s");
        assertEquals(0, tail.exitCode(), tail.err());
        // one key goes to one partition: per series the order is the file's time order
        assertEquals(List.of(
                "2026-11-23T10:00:00Z web-1 cpu=0.5 mem=0.25",
                "2026-11-23T10:01:00Z web-1 cpu=0.6 mem=0.25",
                "2026-11-23T10:02:00Z web-1 cpu=0.7 mem=0.5"),
                tail.lines().stream().filter(l -> l.contains("web-1")).toList());
        assertEquals(2, tail.lines().stream().filter(l -> l.contains("web-2")).count(), tail.out());
        assertEquals(5, tail.lines().size(), tail.out());

        Run one = vigil("tail", "--bootstrap", broker.bootstrapServers(), "--topic", "hosts",
                "--from-beginning", "--series", "web-2", "--timeout", "2s");
        assertEquals(List.of("2026-11-23T10:00:00Z web-2 cpu=0.1 mem=0.75", "2026-11-23T10:01:00Z web-2 cpu=0.2 mem=0.75"),
                one.lines());
    }

    @Test
    void rateHoldsTheReplayBack() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 20; i++) {
            csv.append(1_000L * i).append(",").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("paced.csv"), csv);
        Run produce = vigil("produce", "--bootstrap", broker.bootstrapServers(), "--topic", "paced",
                "--input", file.toString(), "--series", "web-9", "--rate", "10");
        assertEquals(0, produce.exitCode(), produce.err());
        assertTrue(produce.took().toMillis() >= 1500, "20 records at 10/s took " + produce.took());

        Run tail = vigil("tail", "--bootstrap", broker.bootstrapServers(), "--topic", "paced",
                "--from-beginning", "--max", "20", "--timeout", "20s");
        assertEquals(20, tail.lines().size(), tail.out());
        assertEquals("1970-01-01T00:00:19Z web-9 value=19.0", tail.lines().get(19));
    }

    @Test
    void unreachableBrokerFailsQuicklyWithAClearMessage() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "timestamp,value\n1000,1\n");
        Run produce = vigil("produce", "--bootstrap", "localhost:1", "--topic", "t", "--input", csv.toString());
        assertEquals(1, produce.exitCode(), produce.err());
        assertTrue(produce.err().contains("cannot reach Kafka at localhost:1"), produce.err());
        assertTrue(produce.took().toSeconds() < 20, "took " + produce.took());
    }

    @Test
    void missingTopicIsBadInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "timestamp,value\n1000,1\n");
        Run produce = vigil("produce", "--bootstrap", broker.bootstrapServers(), "--topic", "nope", "--input", csv.toString());
        assertEquals(2, produce.exitCode(), produce.err());
        assertTrue(produce.err().contains("topic \"nope\" does not exist"), produce.err());
    }
}
