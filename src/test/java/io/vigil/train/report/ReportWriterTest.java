package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.train.report.ReportData.Epoch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    /** A chart has at least background, axes, text and a series colour or two. */
    private static final int MIN_DISTINCT_COLOURS = 4;

    @TempDir
    Path dir;

    @Test
    void writesEveryPlotAndAnIndexThatShowsThem() throws IOException {
        ReportData data = SampleReport.data("cpu", List.of("cpu", "mem"), 30, true);

        Path index = ReportWriter.write(dir.resolve("report"), data);

        assertEquals(dir.resolve("report").resolve("index.html"), index);
        assertPng(index.resolveSibling("loss.png"), Charts.WIDTH, Charts.HEIGHT);
        assertPng(index.resolveSibling("error_histogram.png"), Charts.WIDTH, Charts.HEIGHT);
        assertPng(index.resolveSibling("window_1.png"), Charts.WIDTH, ExampleWindowChart.height(2));
        assertPng(index.resolveSibling("window_2.png"), Charts.WIDTH, ExampleWindowChart.height(2));
        String html = Files.readString(index);
        for (String image : List.of("loss.png", "error_histogram.png", "window_1.png", "window_2.png")) {
            assertTrue(html.contains("src=\"" + image + "\""), "index.html shows " + image);
        }
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("http"),
                "index.html is self-contained");
    }

    @Test
    void escapesTheModelNameAndSummaryInHtml() throws IOException {
        ReportData data = SampleReport.data("cpu<&>\"x\"", List.of("cpu"), 5, true);

        String html = Files.readString(ReportWriter.write(dir, data));

        assertTrue(html.contains("<title>Vigil training report: cpu&lt;&amp;&gt;&quot;x&quot; 20250101T120000Z</title>"));
        assertFalse(html.contains("cpu<&>"), "the raw name never reaches the page");
        assertTrue(html.contains("&lt;from cpu.csv &amp; mem.csv&gt;"), "summary values are escaped");
    }

    @Test
    void marksTheBestEpochInTheHistoryTable() throws IOException {
        ReportData data = SampleReport.data("cpu", List.of("cpu"), 30, true);

        String html = Files.readString(ReportWriter.write(dir, data));

        assertTrue(html.contains("<tr class=\"best\"><td class=\"num\">20</td>"), html);
    }

    @Test
    void reportsTrainingWithoutValidation() throws IOException {
        ReportData data = SampleReport.data("cpu", List.of("cpu"), 12, false);

        String html = Files.readString(ReportWriter.write(dir, data));

        assertPng(dir.resolve("loss.png"), Charts.WIDTH, Charts.HEIGHT);
        assertPng(dir.resolve("error_histogram.png"), Charts.WIDTH, Charts.HEIGHT);
        assertTrue(html.contains("training (no validation split) window errors"), "errors are labelled as training");
        assertTrue(html.contains("<td class=\"num\">–</td>"), "a missing val_loss shows as a dash");
    }

    @Test
    void drawsHeavyTailedErrorsOnALogAxisAndSaysSo() throws IOException {
        ReportData data = SampleReport.heavyTailed("nab-machine-temp");
        Histogram histogram = ErrorHistogramChart.histogram(data);

        String html = Files.readString(ReportWriter.write(dir, data));

        assertTrue(histogram.logarithmic(), "lognormal errors are binned in log space");
        assertPng(dir.resolve("error_histogram.png"), Charts.WIDTH, Charts.HEIGHT);
        assertTrue(html.contains("in " + histogram.bins() + " log-spaced bins on a log axis; the line is the default "
                + "threshold, p99 = " + Charts.format(data.thresholdError())), "the caption names bins and threshold");
    }

    @Test
    void drawsAHistogramOfAllEqualErrors() throws IOException {
        ReportData sample = SampleReport.data("cpu", List.of("cpu"), 3, true);
        double[] equal = new double[50];
        Arrays.fill(equal, 0.25);
        ReportData data = new ReportData("cpu", "v1", sample.featureNames(), sample.history(), sample.bestEpoch(),
                equal, sample.errorSplit(), 0.99, 0.25, sample.summary(), List.of());

        ReportWriter.write(dir, data);

        assertPng(dir.resolve("error_histogram.png"), Charts.WIDTH, Charts.HEIGHT);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("No example windows"));
    }

    @Test
    void drawsAtMostFourFeaturePanelsPerWindow() throws IOException {
        List<String> features = List.of("a", "b", "c", "d", "e", "f");
        ReportData sample = SampleReport.data("cpu", features, 3, true);

        ReportWriter.write(dir, sample);

        assertPng(dir.resolve("window_1.png"), Charts.WIDTH, ExampleWindowChart.height(features.size()));
        assertEquals(ExampleWindowChart.height(ExampleWindowChart.MAX_FEATURES), ExampleWindowChart.height(6));
    }

    @Test
    void plotsALossThatDivergedOrIsZero() throws IOException {
        ReportData sample = SampleReport.data("cpu", List.of("cpu"), 3, true);
        List<Epoch> history = List.of(new Epoch(1, 0.0, Double.NaN, 1), new Epoch(2, Double.NaN, Double.NaN, 1),
                new Epoch(3, Double.POSITIVE_INFINITY, Double.NaN, 1));
        ReportData data = new ReportData("cpu", "v1", sample.featureNames(), history, 1, sample.windowErrors(),
                sample.errorSplit(), 0.99, sample.thresholdError(), sample.summary(),
                List.of(SampleReport.example(new Random(1), 1, "s", 0.1, "worst")));

        ReportWriter.write(dir, data);

        assertPng(dir.resolve("loss.png"), Charts.WIDTH, Charts.HEIGHT);
    }

    private static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " is written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " decodes as an image");
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() >= MIN_DISTINCT_COLOURS, file + " is not blank: " + colours.size() + " colours");
    }
}
