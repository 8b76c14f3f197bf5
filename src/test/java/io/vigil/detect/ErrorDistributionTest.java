package io.vigil.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorDistributionTest {

    private static final double EPS = 1e-9;

    /** Errors 0, 1/n, ..., 1: a uniform distribution on [0, 1]. */
    private static ErrorDistribution uniform(int n) {
        double[] errors = new double[n + 1];
        double[][] features = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            errors[i] = (double) i / n;
            features[i] = new double[] {errors[i]};
        }
        return ErrorDistribution.of(errors, features);
    }

    @Test
    void quantileOfUniformErrorsIsTheErrorItself() {
        ErrorDistribution d = uniform(10_000);
        assertEquals(0.25, d.quantileOf(0.25), 1e-6);
        assertEquals(0.5, d.quantileOf(0.5), 1e-6);
        assertEquals(0.9, d.quantileOf(0.9), 1e-6);
        assertEquals(ErrorDistribution.SAMPLE_POINTS, d.sample().length);
    }

    @Test
    void quantileOfIsZeroBelowMinimumAndOneAtOrAboveMaximum() {
        ErrorDistribution d = uniform(100);
        assertEquals(0.0, d.quantileOf(-0.001));
        assertEquals(1.0, d.quantileOf(1.0));
        assertEquals(1.0, d.quantileOf(7.0));
    }

    @Test
    void quantileOfIsMonotone() {
        ErrorDistribution d = ErrorDistribution.of(new double[] {3, 1, 1, 2, 10, 2.5},
                new double[][] {{1}, {1}, {1}, {1}, {1}, {1}});
        double previous = -1;
        for (double x = 0; x <= 11; x += 0.01) {
            double q = d.quantileOf(x);
            assertTrue(q >= previous, "quantileOf(" + x + ") = " + q + " < " + previous);
            assertTrue(q >= 0 && q <= 1);
            previous = q;
        }
    }

    @Test
    void quantileOfCountsTiedValuesAsAtOrBelow() {
        // Sorted sample 1, 1, 2 at levels 0, 0.5, 1: everything up to the tie is at or below 1.
        ErrorDistribution d = ErrorDistribution.of(new double[] {1, 2, 1}, new double[][] {{0}, {0}, {0}});
        assertEquals(0.5, d.quantileOf(1.0), EPS);
        assertEquals(0.75, d.quantileOf(1.5), EPS);
    }

    @Test
    void errorAtInvertsQuantileOf() {
        ErrorDistribution d = ErrorDistribution.of(new double[] {0, 1, 4, 9, 16, 25},
                new double[][] {{0}, {1}, {2}, {3}, {4}, {5}});
        assertEquals(0.0, d.errorAt(0), EPS);
        assertEquals(25.0, d.errorAt(1), EPS);
        for (double x = 0; x < 25; x += 0.5) {
            assertEquals(x, d.errorAt(d.quantileOf(x)), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> d.errorAt(1.5));
    }

    @Test
    void summaryAndNamedQuantilesAreComputedFromAllErrors() {
        ErrorDistribution d = uniform(1000);
        assertEquals(1001, d.count());
        assertEquals(0.5, d.mean(), EPS);
        assertEquals(1.0, d.max(), EPS);
        assertEquals(List.of("p50", "p75", "p90", "p95", "p99", "p99.5", "p99.9"), List.copyOf(d.quantiles().keySet()));
        assertEquals(0.99, d.quantiles().get("p99"), EPS);
        assertEquals(0.999, d.quantiles().get("p99.9"), EPS);
        ErrorDistribution twoPoints = ErrorDistribution.of(new double[] {1, 3}, new double[][] {{0}, {0}});
        assertEquals(1.0, twoPoints.std(), EPS); // population std of {1, 3}
    }

    @Test
    void fewerErrorsThanSamplePointsAreAllKeptSorted() {
        ErrorDistribution d = ErrorDistribution.of(new double[] {5, 1, 3}, new double[][] {{0}, {0}, {0}});
        assertArrayEquals(new double[] {1, 3, 5}, d.sample());
    }

    @Test
    void featureCovarianceMatchesHandComputedPopulationCovariance() {
        // Rows (1,2), (3,6), (5,10): mean (3,6); centred (-2,-4), (0,0), (2,4).
        // Sums of products: xx 8, xy 16, yy 32; divided by n = 3.
        ErrorDistribution d = ErrorDistribution.of(new double[] {1, 2, 3},
                new double[][] {{1, 2}, {3, 6}, {5, 10}});
        assertArrayEquals(new double[] {3, 6}, d.featureMean(), EPS);
        assertArrayEquals(new double[] {8.0 / 3, 16.0 / 3}, d.featureCovariance()[0], EPS);
        assertArrayEquals(new double[] {16.0 / 3, 32.0 / 3}, d.featureCovariance()[1], EPS);
    }

    @Test
    void emptyRaggedOrNonFiniteInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ErrorDistribution.of(new double[0], new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorDistribution.of(new double[] {1, Double.NaN}, new double[][] {{1}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorDistribution.of(new double[] {1, 2}, new double[][] {{1}, {Double.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorDistribution.of(new double[] {1, 2}, new double[][] {{1}, {1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorDistribution.of(new double[] {1, 2}, new double[][] {{1}}));
    }

    @Test
    void survivesAJacksonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ErrorDistribution d = ErrorDistribution.of(new double[] {0.1, 0.4, 0.2, 0.9},
                new double[][] {{0.1, 0.3}, {0.4, 0.2}, {0.2, 0.2}, {0.9, 0.5}});
        String text = json.writeValueAsString(d);
        ErrorDistribution back = json.readValue(text, ErrorDistribution.class);
        assertEquals(d, back);
        assertEquals(List.copyOf(d.quantiles().keySet()), List.copyOf(back.quantiles().keySet()));
        assertEquals(d.quantileOf(0.3), back.quantileOf(0.3));
        assertTrue(text.startsWith("{\"count\":4,\"mean\":"), text);
    }

    @Test
    void cannotBeChangedThroughItsArrays() {
        double[] errors = {1, 2, 3};
        ErrorDistribution d = ErrorDistribution.of(errors, new double[][] {{1}, {2}, {3}});
        errors[0] = 100;
        d.sample()[0] = 100;
        d.featureCovariance()[0][0] = 100;
        assertEquals(1.0, d.sample()[0]);
        assertEquals(2.0 / 3, d.featureCovariance()[0][0], EPS);
    }
}
