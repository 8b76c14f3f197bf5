package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class FormattingTest {
    @Test
    void showsNumbersToThreeSignificantDigits() {
        assertEquals("0.0123", Charts.format(0.012345));
        assertEquals("41.5", Charts.format(41.4999));
        assertEquals("1.23e-05", Charts.format(0.0000123));
        assertEquals("0", Charts.format(0));
        assertEquals("–", Charts.format(Double.NaN));
    }

    @Test
    void namesQuantilesAsPercentiles() {
        assertEquals("p99", Charts.percentile(0.99));
        assertEquals("p99.5", Charts.percentile(0.995));
        assertEquals("p99.9", Charts.percentile(0.999));
    }

    @Test
    void clampsTheBinCountAndPutsTheMaximumInTheLastBin() {
        double[] values = {1, 2, 3, 4, 5};
        Histogram histogram = Histogram.of(values);
        assertEquals(Histogram.MIN_BINS, histogram.bins());
        assertEquals(values.length, Arrays.stream(histogram.counts()).sum());
        assertEquals(1, histogram.counts()[histogram.bins() - 1]);

        Random random = new Random(3);
        double[] many = DoubleStream.generate(random::nextGaussian).limit(100_000).toArray();
        assertEquals(Histogram.MAX_BINS, Histogram.of(many).bins());
    }

    @Test
    void labelsLogAxisDecadesAsPlainDecimalsUntilTheyGetTooLong() {
        assertEquals("0.#####", Charts.decadePattern(1.3e-5));
        assertEquals("0.##", Charts.decadePattern(0.05));
        assertEquals("#,##0", Charts.decadePattern(2));
        assertEquals("0E0", Charts.decadePattern(3e-8));
    }

    @Test
    void spreadsEqualValuesAroundTheirValue() {
        Histogram histogram = Histogram.of(new double[] {0, 0, 0});
        assertEquals(3, Arrays.stream(histogram.counts()).sum());
        assertEquals(-1e-6, histogram.min(), 1e-12);
    }

    @Test
    void picksATimeUnitThatKeepsLabelsShort() {
        assertEquals(TimeAxis.SECONDS, TimeAxis.forSpan(120_000));
        assertEquals(TimeAxis.MINUTES, TimeAxis.forSpan(1_190_000));
        assertEquals("10s", TimeAxis.describe(10_000));
        assertEquals("250ms", TimeAxis.describe(250));
        assertEquals("5m", TimeAxis.describe(300_000));
    }
}
