package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path end to end through the real command line: train on two correlated, noisy
 * multi-series features, then evaluate a file with an injected level shift and a label column.
 */
class TrainAndEvaluateIT {
    private static final int ROWS = 1200;
    private static final int ANOMALY_FROM = 900;
    private static final int ANOMALY_TO = 940;

    @TempDir
    static Path dir;
    static Path versionDir;

    static String series(long seed, boolean anomaly) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,host,cpu,mem,label\n");
        for (String host : List.of("web-1", "web-2")) {
            for (int i = 0; i < ROWS; i++) {
                double phase = 2 * Math.PI * i / 48.0;
                double cpu = 0.5 + 0.3 * Math.sin(phase) + 0.02 * r.nextGaussian();
                double mem = 0.6 + 0.2 * Math.sin(phase + 0.5) + 0.02 * r.nextGaussian();
                boolean label = anomaly && host.equals("web-2") && i >= ANOMALY_FROM && i < ANOMALY_TO;
                if (label) {
                    cpu += 0.6;
                }
                sb.append(1_700_000_000_000L + i * 300_000L).append(',').append(host).append(',')
                        .append(cpu).append(',').append(mem).append(',').append(label ? 1 : 0).append('\n');
            }
        }
        return sb.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        Path history = Files.writeString(dir.resolve("history.csv"), series(1, false));
        CliRunner.Run run = CliRunner.run("train", "--quiet", "--input", history.toString(), "--series-column", "host",
                "--features", "cpu,mem", "--window", "16", "--hidden", "16", "--epochs", "12", "--batch", "32",
                "--learning-rate", "0.005", "--out", dir.resolve("models/hosts").toString());
        assertEquals(0, run.exitCode(), run.err());
        versionDir = ModelDirectory.resolve(dir.resolve("models/hosts"), null);
    }

    @Test
    void versionDirectoryHoldsSavedModelMetadataAndReport() throws Exception {
        assertTrue(ModelDirectory.isVersionName(versionDir.getFileName().toString()), versionDir.toString());
        for (String f : List.of("saved_model.pb", "variables/variables.index", "model.json", "report/index.html", "report/loss.png",
                "report/error_histogram.png", "report/window_1.png")) {
            assertTrue(Files.isRegularFile(versionDir.resolve(f)), f);
        }
        ModelMetadata m = ModelMetadataMapper.read(versionDir);
        assertEquals("hosts", m.name());
        assertEquals(List.of("cpu", "mem"), m.features());
        assertEquals(16, m.window());
        assertEquals("5m", m.training().samplingInterval());
        assertEquals(2, m.data().series());
        assertEquals(2L * ROWS, m.data().rows());
        assertTrue(m.training().validationWindows() > 0);
        assertTrue(m.validationErrors().quantiles().containsKey("p99.9"));
        assertEquals(2, m.validationErrors().featureCovariance().length);
        assertTrue(m.trainingRange().get("cpu").max() > m.trainingRange().get("cpu").min());
        assertFalse(m.checksums().isEmpty());
        ModelDirectory.verify(versionDir, m.checksums());
        try (var files = Files.list(versionDir.getParent())) {
            assertEquals(1, files.count(), "no temporary directory left beside the version");
        }
    }

    @Test
    void evaluateScoresEveryRowAndFindsTheInjectedShift() throws Exception {
        Path input = Files.writeString(dir.resolve("live.csv"), series(2, true));
        Path out = dir.resolve("scores.csv");
        CliRunner.Run run = CliRunner.run("evaluate", "--model", dir.resolve("models/hosts").toString(), "--input",
                input.toString(), "--series-column", "host", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(out)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
        assertEquals(2 * ROWS, rows.size(), "one output row per input row");
        assertEquals("", rows.get(14).get("score"), "no score before the first full window");
        assertFalse(rows.get(15).get("score").isEmpty(), "the 16th row completes the first window");
        int flaggedInside = 0;
        int flaggedOutside = 0;
        boolean opened = false;
        for (CSVRecord rec : rows) {
            boolean label = rec.get("label").equals("1");
            boolean anomalous = rec.get("anomalous").equals("1");
            if (label && anomalous) {
                flaggedInside++;
            } else if (anomalous) {
                flaggedOutside++;
            }
            if (rec.get("series").equals("web-2") && rec.get("alert").equals("OPEN")) {
                opened = true;
            }
        }
        assertTrue(flaggedInside >= (ANOMALY_TO - ANOMALY_FROM) / 2, "flagged " + flaggedInside + " of the shifted rows");
        assertTrue(flaggedOutside < 0.03 * 2 * ROWS, flaggedOutside + " false positives");
        assertTrue(opened, "an alert opened on web-2");
    }

    @Test
    void modelsListShowsTheVersion() {
        CliRunner.Run run = CliRunner.run("models", "list", dir.resolve("models/hosts").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.contains(versionDir.getFileName().toString()) && l.contains(" none ")),
                "the version, with no time features:\n" + run.out());
    }

    @Test
    void evaluateRefusesATamperedModel() throws Exception {
        Path copy = dir.resolve("tampered");
        try (var walk = Files.walk(versionDir)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(versionDir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.write(copy.resolve("variables/variables.index"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Path input = Files.writeString(dir.resolve("in.csv"), series(3, false));
        CliRunner.Run run = CliRunner.run("evaluate", "--model", copy.toString(), "--input", input.toString(),
                "--series-column", "host", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("checksum"), run.err());
        assertNotNull(run.err());
    }
}
