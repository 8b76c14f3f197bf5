package io.vigil.train.report;

import io.vigil.train.report.ReportData.Example;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One example window as an image: a header naming the series, start time and error, then one panel
 * per feature with the original (solid) against the reconstruction (dashed).
 */
final class ExampleWindowChart {
    /** More panels than this make each one too small to read; the header says how many were left out. */
    static final int MAX_FEATURES = 4;
    static final int PANEL_HEIGHT = 260;
    static final int HEADER_HEIGHT = 56;
    private static final Font HEADER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 13);
    private static final int MARGIN = 12;
    private static final BasicStroke ORIGINAL_STROKE = new BasicStroke(1.5f);
    /** Long dashes, drawn a little heavier than the original so the two stay apart where they overlap. */
    private static final BasicStroke RECONSTRUCTION_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);

    private ExampleWindowChart() {
    }

    /** Pixel height of the image for an example with this many features. */
    static int height(int features) {
        return HEADER_HEIGHT + PANEL_HEIGHT * Math.min(features, MAX_FEATURES);
    }

    static BufferedImage render(Example example, List<String> featureNames) {
        int shown = Math.min(example.features(), MAX_FEATURES);
        BufferedImage image = new BufferedImage(Charts.WIDTH, height(example.features()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(HEADER_FONT);
            g.drawString(title(example), MARGIN, MARGIN + g.getFontMetrics().getAscent());
            g.setFont(NOTE_FONT);
            g.setColor(Color.DARK_GRAY);
            g.drawString(note(example, featureNames.size(), shown), MARGIN, HEADER_HEIGHT - MARGIN / 2);
            for (int f = 0; f < shown; f++) {
                XYChart panel = panel(example, f, featureNames.get(f));
                g.drawImage(BitmapEncoder.getBufferedImage(panel), 0, HEADER_HEIGHT + f * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code worst — cpu-host-1 — 2025-01-01T12:00:00Z — error 0.0123}. */
    static String title(Example example) {
        String label = example.label().isBlank() ? "" : example.label() + " — ";
        return label + example.series() + " — " + Instant.ofEpochMilli(example.startMillis())
                + " — error " + Charts.format(example.error());
    }

    private static String note(Example example, int features, int shown) {
        String lines = "original solid, reconstruction dashed; " + example.steps() + " steps of "
                + TimeAxis.describe(example.stepMillis());
        return shown < features ? lines + "; first " + shown + " of " + features + " features shown" : lines;
    }

    private static XYChart panel(Example example, int feature, String name) {
        TimeAxis axis = TimeAxis.forSpan(example.stepMillis() * (example.steps() - 1));
        XYChart chart = Charts.xyChart(Charts.WIDTH, PANEL_HEIGHT, name, axis.title(), null);
        chart.getStyler().setLegendVisible(feature == 0);
        chart.getStyler().setChartPadding(6);
        double[] x = new double[example.steps()];
        double[] original = new double[x.length];
        double[] reconstruction = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = axis.of(t * example.stepMillis());
            original[t] = example.original()[t][feature];
            reconstruction[t] = example.reconstruction()[t][feature];
        }
        line(chart, "original", x, original, ORIGINAL_STROKE, Charts.BLUE);
        line(chart, "reconstruction", x, reconstruction, RECONSTRUCTION_STROKE, Charts.ORANGE);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y,
                             BasicStroke stroke, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(stroke);
        series.setLineColor(color);
    }
}
