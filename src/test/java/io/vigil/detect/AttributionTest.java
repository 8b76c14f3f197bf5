package io.vigil.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttributionTest {

    private static final List<String> NAMES = List.of("cpu", "mem", "disk", "net");

    @Test
    void sharesOverAllFeaturesSumToOneAndTheLargestComeFirst() {
        WindowError e = new WindowError(1, new double[] {1, 4, 2, 3}, new double[] {0.5, -2, 0, 1});
        List<FeatureContribution> all = Attribution.top(NAMES, e, 4);
        assertEquals(List.of("mem", "net", "disk", "cpu"), all.stream().map(FeatureContribution::name).toList());
        assertEquals(1.0, all.stream().mapToDouble(FeatureContribution::share).sum(), 1e-12);
        assertEquals(0.4, all.get(0).share(), 1e-12);

        List<FeatureContribution> top2 = Attribution.top(NAMES, e, 2);
        assertEquals(all.subList(0, 2), top2);
    }

    @Test
    void directionIsAboveForPositiveResidualAndBelowOtherwise() {
        WindowError e = new WindowError(1, new double[] {1, 4, 2, 3}, new double[] {0.5, -2, 0, 1});
        List<FeatureContribution> all = Attribution.top(NAMES, e, 4);
        assertEquals(List.of("below", "above", "below", "above"),
                all.stream().map(FeatureContribution::direction).toList());
    }

    @Test
    void zeroTotalErrorGivesEqualSharesInFeatureOrder() {
        WindowError e = new WindowError(0, new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0});
        List<FeatureContribution> top = Attribution.top(NAMES, e, 3);
        assertEquals(List.of("cpu", "mem", "disk"), top.stream().map(FeatureContribution::name).toList());
        top.forEach(c -> assertEquals(0.25, c.share(), 1e-12));
    }

    @Test
    void askingForMoreFeaturesThanExistReturnsAll() {
        WindowError e = new WindowError(1, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1});
        assertEquals(4, Attribution.top(NAMES, e, 10).size());
    }

    @Test
    void mismatchedFeatureCountsAreRejected() {
        WindowError e = new WindowError(1, new double[] {1, 2}, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Attribution.top(NAMES, e, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowError(1, new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowError(1, new double[] {-1, 2}, new double[] {1, 1}));
    }

    @Test
    void sharesSumToOneAndStayInRangeForAnyErrors() {
        java.util.Random random = new java.util.Random(17);
        for (int trial = 0; trial < 1000; trial++) {
            double[] errors = new double[NAMES.size()];
            for (int f = 0; f < errors.length; f++) {
                // Mixed magnitudes, including exact zeros and tiny values, as a real model produces.
                errors[f] = random.nextInt(5) == 0 ? 0 : Math.pow(10, -12 + 14 * random.nextDouble());
            }
            List<FeatureContribution> all = Attribution.top(NAMES, new WindowError(1, errors, new double[4]), 4);
            assertEquals(1.0, all.stream().mapToDouble(FeatureContribution::share).sum(), 1e-12, java.util.Arrays.toString(errors));
            all.forEach(c -> assertEquals(true, c.share() >= 0 && c.share() <= 1, c.toString()));
        }
    }

    @Test
    void aSingleFeatureCarriesTheWholeShare() {
        List<FeatureContribution> one = Attribution.top(List.of("value"),
                new WindowError(0.3, new double[] {0.3}, new double[] {-0.2}), 3);
        assertEquals(List.of(new FeatureContribution("value", 1.0, "below")), one);
    }

    @Test
    void aZeroResidualCountsAsBelow() {
        List<FeatureContribution> c = Attribution.top(List.of("value"), new WindowError(0, new double[] {0}, new double[] {0}), 1);
        assertEquals("below", c.get(0).direction());
    }
}
