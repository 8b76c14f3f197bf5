package io.vigil.train.report;

import java.awt.BasicStroke;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histogram of per-window errors with the default threshold drawn as a vertical line. Heavy-tailed
 * errors get log-spaced bins on a log axis, so the bulk, the tail and the threshold all stay visible.
 */
final class ErrorHistogramChart {
    /** Headroom above the tallest bar so the legend does not sit on it. */
    private static final double HEADROOM = 1.15;
    private static final BasicStroke THRESHOLD_STROKE = new BasicStroke(2.5f);

    private ErrorHistogramChart() {
    }

    /** The bins drawn for {@code data}: log-spaced when the errors are heavy-tailed and the threshold positive. */
    static Histogram histogram(ReportData data) {
        double[] errors = data.windowErrors();
        return Histogram.of(errors, data.thresholdError() > 0 && Histogram.isHeavyTailed(errors));
    }

    /** How the bins are spaced, for the legend and the caption: {@code 43 log-spaced bins}. */
    static String describeBins(Histogram histogram) {
        return histogram.bins() + (histogram.logarithmic() ? " log-spaced bins" : " bins");
    }

    static XYChart build(ReportData data, Histogram histogram) {
        double[] errors = data.windowErrors();
        boolean log = histogram.logarithmic();
        XYChart chart = Charts.xyChart(Charts.WIDTH, Charts.HEIGHT,
                "Window reconstruction error — " + data.errorSplit().label(),
                log ? "window error (log scale)" : "window error", "windows");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(1, histogram.maxCount()) * HEADROOM);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        if (log) {
            // No tick formatting function here: XChart then falls back to linear ticks on the log axis.
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisDecimalPattern(Charts.decadePattern(histogram.min()));
        } else {
            double left = Math.min(histogram.min(), data.thresholdError());
            double right = Math.max(histogram.edge(histogram.bins()), data.thresholdError());
            chart.getStyler().setXAxisDecimalPattern(Charts.decimalPattern(right - left));
        }

        // A step line through the left edges, closed at the last right edge, draws the bars' outline.
        int bins = histogram.bins();
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            x[i] = histogram.edge(i);
            y[i] = histogram.counts()[i];
        }
        x[bins] = histogram.edge(bins);
        y[bins] = histogram.counts()[bins - 1];
        XYSeries bars = chart.addSeries(data.errorSplit().label() + " windows (n = " + errors.length + ", "
                + describeBins(histogram) + ")", x, y);
        bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineColor(Charts.BLUE);
        bars.setFillColor(Charts.BLUE.brighter());

        double threshold = data.thresholdError();
        XYSeries line = chart.addSeries("threshold: " + Charts.percentile(data.thresholdQuantile()) + " = "
                + Charts.format(threshold), new double[] {threshold, threshold},
                new double[] {0, Math.max(1, histogram.maxCount()) * HEADROOM});
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Charts.RED);
        line.setLineStyle(THRESHOLD_STROKE);
        return chart;
    }
}
