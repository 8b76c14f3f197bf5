package io.vigil.encode;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws latent vectors on their first two principal components as a PNG scatter plot, one colour per
 * label (labels in their natural string order, shown by name when {@code names} has one), so a reader can
 * see whether the latent space keeps the classes apart.
 */
public final class LatentMap {
    static final int WIDTH = 900;
    static final int HEIGHT = 700;
    static final int MARKER_SIZE = 3;
    /** Matplotlib's "tab10" colours, which stay distinct for ten classes; more labels cycle through them. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private LatentMap() {
    }

    /** Fits the components on {@code latents}, draws them, and returns the components for the caller to report. */
    public static PrincipalComponents write(Latents latents, Map<String, String> names, String title, Path png) throws IOException {
        String[] labels = latents.requireLabels("the projection picture");
        PrincipalComponents pca = PrincipalComponents.fit(latents, 2);
        double[][] xy = pca.project(latents);
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < latents.count(); i++) {
            byLabel.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(i);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(axis(pca, 0)).yAxisTitle(axis(pca, 1)).build();
        style(chart);
        int colour = 0;
        for (Map.Entry<String, List<Integer>> e : byLabel.entrySet()) {
            double[] x = new double[e.getValue().size()];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = xy[e.getValue().get(k)][0];
                y[k] = xy[e.getValue().get(k)][1];
            }
            String name = names.getOrDefault(e.getKey(), e.getKey());
            XYSeries series = chart.addSeries(name + " (" + x.length + ")", x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(PALETTE[colour++ % PALETTE.length]);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return pca;
    }

    private static String axis(PrincipalComponents pca, int c) {
        return String.format(Locale.ROOT, "principal component %d (%.1f%% of the variance)", c + 1, 100 * pca.explained(c));
    }

    private static void style(XYChart chart) {
        var s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(MARKER_SIZE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(0xe0e0e0));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAntiAlias(true);
        s.setLocale(Locale.ROOT);
    }
}
