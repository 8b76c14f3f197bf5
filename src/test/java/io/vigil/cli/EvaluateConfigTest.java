package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil evaluate --config} reads the file as {@code vigil run} does: the same keys, the same refusals. */
class EvaluateConfigTest {
    @TempDir
    Path dir;

    private Path input() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        Random noise = new Random(5);
        for (int i = 0; i < 60; i++) {
            double[] v = TestModels.normal(i, noise);
            csv.append(TestModels.START + i * TestModels.STEP_MS).append(',').append(v[0]).append(',').append(v[1]).append('\n');
        }
        return Files.writeString(dir.resolve("hosts.csv"), csv.toString());
    }

    private CliRunner.Run evaluate(String... config) throws Exception {
        Path file = Files.write(dir.resolve("eval.properties"), List.of(config));
        return CliRunner.run("evaluate", "--model", TestModels.hostsModel().toString(), "--input", input().toString(),
                "--config", file.toString(), "--out", dir.resolve("scores.csv").toString());
    }

    @Test
    void aBadValueExitsTwoNamingTheKeyTheFileAndWhatRunExpects() throws Exception {
        CliRunner.Run run = evaluate("alert.open.after=2.0", "max.gap=0s", "model.dir=/does/not/matter");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("alert.open.after = \"2.0\" (from eval.properties): expected a whole number of at least 1"),
                run.err());
        assertTrue(run.err().contains("max.gap = \"0s\" (from eval.properties): expected a duration"), run.err());
        assertFalse(run.err().contains("model.dir"), "evaluate takes the model from --model: " + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(dir.resolve("scores.csv")), "nothing written");
    }

    @Test
    void theStreamsConfigFileWithItsKafkaAndTopicKeysApplies() throws Exception {
        CliRunner.Run run = evaluate("kafka.bootstrap.servers=broker:9092", "topic.input=metrics", "metrics.port=0",
                "threshold=0.95", "calibration=validation-quantile");

        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = Files.readAllLines(dir.resolve("scores.csv"));
        assertEquals("series,timestamp,cpu,mem,error,score,anomalous,alert", rows.get(0));
        int scored = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            if (!cells[5].isEmpty()) {
                assertEquals(Double.parseDouble(cells[5]) > 0.95, "1".equals(cells[6]), "threshold 0.95 applies: " + row);
                scored++;
            }
        }
        assertEquals(60 - TestModels.WINDOW + 1, scored);
    }
}
