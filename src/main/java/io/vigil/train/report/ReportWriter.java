package io.vigil.train.report;

import io.vigil.train.report.IndexPage.Figure;
import io.vigil.train.report.ReportData.Example;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the training report a user opens after {@code vigil train}: {@code loss.png},
 * {@code error_histogram.png}, one {@code window_<n>.png} per example window, and an
 * {@code index.html} that shows them with the summary and the training history. The directory is
 * created if needed; files already there with these names are replaced. Rendering is headless.
 */
public final class ReportWriter {
    public static final String INDEX = "index.html";
    public static final String LOSS_PNG = "loss.png";
    public static final String HISTOGRAM_PNG = "error_histogram.png";

    private ReportWriter() {
    }

    /** The file name of the n-th (1-based) example window image. */
    public static String windowPng(int n) {
        return "window_" + n + ".png";
    }

    /**
     * Writes the report into {@code reportDir}.
     *
     * @return the path of {@code index.html}
     * @throws IOException if a file cannot be written
     */
    public static Path write(Path reportDir, ReportData data) throws IOException {
        Files.createDirectories(reportDir);
        List<Figure> figures = new ArrayList<>();

        Charts.savePng(LossChart.build(data), reportDir.resolve(LOSS_PNG));
        String best = "best epoch " + data.bestEpoch();
        figures.add(new Figure(LOSS_PNG, LossChart.useLogScale(data.history())
                ? "Loss per epoch (log scale), " + best : "Loss per epoch, " + best));

        Histogram histogram = ErrorHistogramChart.histogram(data);
        Charts.savePng(ErrorHistogramChart.build(data, histogram), reportDir.resolve(HISTOGRAM_PNG));
        figures.add(new Figure(HISTOGRAM_PNG, "Reconstruction error of " + data.errorSplit().label()
                + " windows in " + ErrorHistogramChart.describeBins(histogram)
                + (histogram.logarithmic() ? " on a log axis" : "")
                + "; the line is the default threshold, " + Charts.percentile(data.thresholdQuantile())
                + " = " + Charts.format(data.thresholdError())));

        List<Example> examples = data.examples();
        for (int i = 0; i < examples.size(); i++) {
            String file = windowPng(i + 1);
            Path path = reportDir.resolve(file);
            if (!ImageIO.write(ExampleWindowChart.render(examples.get(i), data.featureNames()), "png", path.toFile())) {
                throw new IOException("no PNG writer available to write " + path);
            }
            figures.add(new Figure(file, "Example " + (i + 1) + ": " + ExampleWindowChart.title(examples.get(i))));
        }

        Path index = reportDir.resolve(INDEX);
        Files.writeString(index, IndexPage.render(data, figures), StandardCharsets.UTF_8);
        return index;
    }
}
