package io.vigil.train.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;

/** The report's common chart look (white, readable fonts) and number formatting. */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color RED = new Color(0xd62728);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color GRID = new Color(0xe0e0e0);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** Significant digits in numbers shown to a user: enough to compare thresholds, few enough to read. */
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Outside [SMALL, LARGE) plain decimals get too long; scientific notation is shorter. */
    private static final double SMALL = 1e-3;
    private static final double LARGE = 1e6;
    /** Decade labels down to 0.00001 read as plain decimals; below that they are too long to tell apart. */
    private static final int MAX_PLAIN_DECADE_PLACES = 5;
    /** Roughly how many ticks XChart puts on an axis of the report's size. */
    private static final int TICKS_PER_AXIS = 10;

    private Charts() {
    }

    /** A white XY chart with the report's fonts and the legend inside the plot. */
    static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendPosition(LegendPosition.InsideNE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setLegendFont(LEGEND_FONT);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
        return chart;
    }

    static void savePng(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
    }

    /** A number to three significant digits: {@code 0.0123}, {@code 41.5}, {@code 1.23e-05}. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "–" : String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude < SMALL || magnitude >= LARGE) {
            return String.format(Locale.ROOT, "%." + (SIGNIFICANT_DIGITS - 1) + "e", value);
        }
        return new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros().toPlainString();
    }

    /**
     * A tick label pattern for an axis spanning {@code range}: plain decimals with a leading zero and
     * enough places to tell ticks apart ({@code 0.005}, not XChart's {@code .005}), scientific when tiny.
     */
    static String decimalPattern(double range) {
        if (!(range > 0) || range < SMALL / 10) {
            return "0.##E0";
        }
        // One place more than the tick spacing's magnitude: ticks fall on 2.5 and 5 as well as 1.
        int places = (int) Math.max(0, Math.ceil(-Math.log10(range / TICKS_PER_AXIS)) + 1);
        return places == 0 ? "#,##0" : "0." + "#".repeat(places);
    }

    /**
     * A tick label pattern for a log axis whose smallest value is {@code smallest}: decades as
     * {@code 0.001}, {@code 0.01}, {@code 1}, or as {@code 1E-7} once plain decimals get too long.
     */
    static String decadePattern(double smallest) {
        int places = smallest > 0 ? (int) Math.max(0, Math.ceil(-Math.log10(smallest))) : Integer.MAX_VALUE;
        if (places > MAX_PLAIN_DECADE_PLACES) {
            return "0E0";
        }
        return places == 0 ? "#,##0" : "0." + "#".repeat(places);
    }

    /** A quantile as a percentile label: 0.99 is {@code p99}, 0.995 is {@code p99.5}. */
    static String percentile(double quantile) {
        return "p" + new BigDecimal(quantile * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
