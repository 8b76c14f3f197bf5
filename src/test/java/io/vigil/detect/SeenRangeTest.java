package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seen range's new-extreme test: beyond min/max by more than 5% of the width, on either side, in any feature. */
class SeenRangeTest {
    /** Values seen between 10 and 20: the tolerance is 0.5 on either side. */
    static final SeenRange TEN_TO_TWENTY = SeenRange.NONE.including(new double[] {10}).including(new double[] {20});

    @Test
    void aValueBeyondTheMaxByMoreThanTheToleranceIsANewExtremeAndWithinItIsNot() {
        assertEquals(0.05, SeenRange.TOLERANCE);
        assertTrue(TEN_TO_TWENTY.isNewExtreme(new double[] {20.51}));
        assertFalse(TEN_TO_TWENTY.isNewExtreme(new double[] {20.49}), "a new max within 5% of the width");
        assertFalse(TEN_TO_TWENTY.isNewExtreme(new double[] {20.5}), "exactly at the tolerance is not beyond it");
        assertFalse(TEN_TO_TWENTY.isNewExtreme(new double[] {15}));
    }

    @Test
    void theMinSideCountsAlike() {
        assertTrue(TEN_TO_TWENTY.isNewExtreme(new double[] {9.49}));
        assertFalse(TEN_TO_TWENTY.isNewExtreme(new double[] {9.51}));
    }

    @Test
    void aFlatSeriesNeverMakesANewExtreme() {
        SeenRange flat = SeenRange.NONE.including(new double[] {3}).including(new double[] {3});
        assertFalse(flat.isNewExtreme(new double[] {1e9}), "max == min: no width to judge by");
        assertFalse(flat.isNewExtreme(new double[] {-1e9}));
        assertFalse(SeenRange.NONE.isNewExtreme(new double[] {1}), "nothing seen yet");
    }

    @Test
    void anyFeatureBeyondItsOwnRangeMakesTheWindowANewExtreme() {
        SeenRange two = SeenRange.NONE.including(new double[] {0, 100}).including(new double[] {1, 200});
        assertFalse(two.isNewExtreme(new double[] {1.04, 204}));
        assertTrue(two.isNewExtreme(new double[] {0.5, 206}), "mem beyond 200 + 5");
        assertTrue(two.isNewExtreme(new double[] {-0.06, 150}), "cpu below 0 - 0.05");
        SeenRange flatCpu = SeenRange.NONE.including(new double[] {1, 100}).including(new double[] {1, 200});
        assertTrue(flatCpu.isNewExtreme(new double[] {1, 300}), "a flat feature does not stop another from counting");
    }

    @Test
    void includingWidensTheRangeAndARangeOfOtherFeaturesStartsAfresh() {
        SeenRange r = TEN_TO_TWENTY.including(new double[] {25}).including(new double[] {5});
        assertArrayEquals(new double[] {5}, r.min());
        assertArrayEquals(new double[] {25}, r.max());
        assertEquals(r, r.including(new double[] {12}), "a value inside changes nothing");
        assertFalse(r.isNewExtreme(new double[] {100, 100}), "another model's feature count is never compared");
        assertEquals(new SeenRange(new double[] {7, 8}, new double[] {7, 8}), r.including(new double[] {7, 8}));
    }

    @Test
    void aCorruptRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeenRange(new double[] {2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new SeenRange(new double[] {1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new SeenRange(new double[] {Double.NaN}, new double[] {1}));
    }
}
