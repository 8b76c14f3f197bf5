package io.vigil.train.report;

import io.vigil.train.report.ReportData.Example;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
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
 * One example window as an image: a header naming the example and its series, then the start time and
 * error, then how to read the panels; then one panel per feature with the original (solid) against the
 * reconstruction (dashed). Header lines that would run past the right edge are shortened with an
 * ellipsis in the middle of the series name, so its start and end stay readable.
 */
final class ExampleWindowChart {
    /** More panels than this make each one too small to read; the header says how many were left out. */
    static final int MAX_FEATURES = 4;
    static final int PANEL_HEIGHT = 260;
    static final int HEADER_HEIGHT = 80;
    static final int MARGIN = 12;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 13);
    private static final int LINE_GAP = 4;
    private static final String ELLIPSIS = "…";
    private static final String SEPARATOR = " — ";
    private static final BasicStroke ORIGINAL_STROKE = new BasicStroke(1.5f);
    /** Long dashes, drawn a little heavier than the original so the two stay apart where they overlap. */
    private static final BasicStroke RECONSTRUCTION_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);

    /** One line of the header as drawn. */
    record HeaderLine(String text, Font font, Color color) {
    }

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
            int y = MARGIN;
            for (HeaderLine line : header(example, featureNames.size(), shown, g)) {
                FontMetrics metrics = g.getFontMetrics(line.font());
                g.setFont(line.font());
                g.setColor(line.color());
                g.drawString(line.text(), MARGIN, y + metrics.getAscent());
                y += metrics.getHeight() + LINE_GAP;
            }
            for (int f = 0; f < shown; f++) {
                XYChart panel = panel(example, f, featureNames.get(f));
                g.drawImage(BitmapEncoder.getBufferedImage(panel), 0, HEADER_HEIGHT + f * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code worst — cpu-host-1 — 2025-01-01T12:00:00Z — error 0.0123}: the whole header on one line, for HTML. */
    static String title(Example example) {
        return heading(example, example.series()) + SEPARATOR + startAndError(example);
    }

    /** The header lines, each fitted to the image width (less margins) in its font as {@code g} measures it. */
    static List<HeaderLine> header(Example example, int features, int shown, Graphics2D g) {
        int width = Charts.WIDTH - 2 * MARGIN;
        FontMetrics titleMetrics = g.getFontMetrics(TITLE_FONT);
        // Only the series name gives way: the label says which example this is and is short.
        int seriesWidth = width - titleMetrics.stringWidth(heading(example, ""));
        String title = heading(example, ellipsize(example.series(), titleMetrics, seriesWidth));
        return List.of(
                new HeaderLine(ellipsize(title, titleMetrics, width), TITLE_FONT, Color.BLACK),
                new HeaderLine(ellipsize(startAndError(example), g.getFontMetrics(SUBTITLE_FONT), width),
                        SUBTITLE_FONT, Color.BLACK),
                new HeaderLine(ellipsize(note(example, features, shown), g.getFontMetrics(NOTE_FONT), width),
                        NOTE_FONT, Color.DARK_GRAY));
    }

    /**
     * {@code text} if it fits in {@code width} pixels, else its start and end around an ellipsis: long
     * series ids tend to share a prefix and differ at the end, so both halves matter.
     */
    static String ellipsize(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        for (int keep = text.length() - 1; keep > 0; keep--) {
            int head = (keep + 1) / 2;
            String shortened = text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (keep - head));
            if (metrics.stringWidth(shortened) <= width) {
                return shortened;
            }
        }
        return ELLIPSIS;
    }

    private static String heading(Example example, String series) {
        return example.label().isBlank() ? series : example.label() + SEPARATOR + series;
    }

    private static String startAndError(Example example) {
        return Instant.ofEpochMilli(example.startMillis()) + SEPARATOR + "error " + Charts.format(example.error());
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
