package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHistogramChartTest {
    @Test
    void binsHeavyTailedErrorsInLogSpaceOnALogAxis() {
        ReportData data = SampleReport.heavyTailed("nab");
        double[] errors = data.windowErrors();

        Histogram histogram = ErrorHistogramChart.histogram(data);

        assertTrue(histogram.logarithmic(), "lognormal errors get log-spaced bins");
        assertTrue(ErrorHistogramChart.build(data, histogram).getStyler().isXAxisLogarithmic(), "and a log x axis");
        assertEquals(errors.length, Arrays.stream(histogram.counts()).sum());
        assertEquals(Arrays.stream(errors).min().orElseThrow(), histogram.min(), 1e-12);
        assertEquals(Arrays.stream(errors).max().orElseThrow(), histogram.edge(histogram.bins()), 1e-12);
        // Linear bins put about 90% of these windows in the first bin; log bins spread the bulk out.
        assertTrue(histogram.maxCount() < errors.length / 10, "tallest bin holds " + histogram.maxCount());
        double ratio = histogram.edge(1) / histogram.edge(0);
        assertEquals(ratio, histogram.edge(histogram.bins()) / histogram.edge(histogram.bins() - 1), 1e-9,
                "bins have equal width in log space");
    }

    @Test
    void keepsLinearBinsForErrorsWithoutAHeavyTail() {
        ReportData data = SampleReport.data("cpu", List.of("cpu"), 3, true);

        Histogram histogram = ErrorHistogramChart.histogram(data);

        assertFalse(histogram.logarithmic());
        assertFalse(ErrorHistogramChart.build(data, histogram).getStyler().isXAxisLogarithmic());
    }

    @Test
    void keepsLinearBinsWhenAnErrorIsZero() {
        double[] errors = {0, 0.001, 0.002, 0.003, 0.5};

        assertFalse(Histogram.isHeavyTailed(errors), "log space has no place for zero");
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(errors, true));
    }
}
