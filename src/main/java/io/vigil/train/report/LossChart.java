package io.vigil.train.report;

import io.vigil.train.report.ReportData.Epoch;
import java.awt.Color;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Loss and validation loss per epoch, with the best epoch marked; log-scaled when losses span decades. */
final class LossChart {
    /** A y range wider than this factor (two decades) is drawn on a log axis, or the tail flattens out. */
    static final double LOG_SCALE_RATIO = 100;
    /** Above this many epochs the per-point markers clutter the lines. */
    private static final int MAX_EPOCHS_WITH_MARKERS = 40;

    private LossChart() {
    }

    static XYChart build(ReportData data) {
        List<Epoch> history = data.history();
        XYChart chart = Charts.xyChart(Charts.WIDTH, Charts.HEIGHT,
                "Training loss — " + data.modelName() + " " + data.version(), "epoch", "loss");
        chart.getStyler().setXAxisDecimalPattern("#");
        // The axis spans exactly the epochs trained, so no tick falls on an epoch 0 that never ran;
        // XChart's plot content inset keeps the first and last points off the border.
        chart.getStyler().setXAxisMin((double) history.get(0).epoch());
        chart.getStyler().setXAxisMax((double) history.get(history.size() - 1).epoch());
        boolean log = useLogScale(history);
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setYAxisDecimalPattern(log ? "0.#E0" : Charts.decimalPattern(range(history)));

        boolean markers = history.size() <= MAX_EPOCHS_WITH_MARKERS;
        addLine(chart, "loss", history, Epoch::loss, markers, Charts.BLUE);
        boolean validated = history.stream().anyMatch(Epoch::hasValLoss);
        if (validated) {
            addLine(chart, "val_loss", history, Epoch::valLoss, markers, Charts.ORANGE);
        }

        Epoch best = history.stream().filter(e -> e.epoch() == data.bestEpoch()).findFirst().orElseThrow();
        double bestValue = validated && best.hasValLoss() ? best.valLoss() : best.loss();
        if (isPlottable(bestValue, chart.getStyler().isYAxisLogarithmic())) {
            String which = validated && best.hasValLoss() ? "val_loss" : "loss";
            XYSeries marker = chart.addSeries("best epoch " + best.epoch() + " (" + which + " "
                    + Charts.format(bestValue) + ")", new double[] {best.epoch()}, new double[] {bestValue});
            marker.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            marker.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Charts.RED);
        }
        if (chart.getSeriesMap().isEmpty()) {
            // Training diverged from the first epoch: still draw the axes rather than fail the report.
            chart.addSeries("no finite loss values", new double[] {best.epoch()}, new double[] {1})
                    .setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Whether the positive, finite losses span more than {@link #LOG_SCALE_RATIO}. */
    static boolean useLogScale(List<Epoch> history) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Epoch e : history) {
            for (double v : new double[] {e.loss(), e.valLoss()}) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean allPositive = history.stream().allMatch(e -> !(e.loss() <= 0) && !(e.valLoss() <= 0));
        return allPositive && max > 0 && max / min > LOG_SCALE_RATIO;
    }

    private static double range(List<Epoch> history) {
        DoubleSummaryStatistics stats = history.stream()
                .flatMapToDouble(e -> DoubleStream.of(e.loss(), e.valLoss()))
                .filter(Double::isFinite).summaryStatistics();
        return stats.getCount() == 0 ? 0 : stats.getMax() - stats.getMin();
    }

    private static void addLine(XYChart chart, String name, List<Epoch> history,
                                ToDoubleFunction<Epoch> value, boolean markers, Color color) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        // Diverged (NaN/infinite) epochs are left out rather than breaking the axis range.
        List<Epoch> plottable = history.stream().filter(e -> isPlottable(value.applyAsDouble(e), log)).toList();
        double[] x = plottable.stream().mapToDouble(Epoch::epoch).toArray();
        double[] y = plottable.stream().mapToDouble(value).toArray();
        if (x.length == 0) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setLineStyle(SeriesLines.SOLID);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    private static boolean isPlottable(double value, boolean log) {
        return Double.isFinite(value) && (!log || value > 0);
    }
}
