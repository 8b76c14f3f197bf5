package io.vigil.detect.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelMetricsTest {

    private static final double EPS = 1e-12;

    /** '1' is true, anything else false. */
    private static boolean[] flags(String s) {
        boolean[] b = new boolean[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = s.charAt(i) == '1';
        }
        return b;
    }

    @Test
    void lateDetectionCountsTheEventAndAFalseAlarmCostsEventPrecision() {
        // Two labelled events: [2..5] detected late (at 5), [10..12] missed.
        // Predicted events: [5..6] overlaps the first event; [8] is a false positive.
        LabelMetrics m = LabelMetrics.compute(
                flags("0011110000111"),
                flags("0000011010000"));
        // Points: TP = 1 (index 5), predicted 3, labelled 7.
        assertEquals(1.0 / 3, m.precision(), EPS);
        assertEquals(1.0 / 7, m.recall(), EPS);
        assertEquals(2 * (1.0 / 3) * (1.0 / 7) / (1.0 / 3 + 1.0 / 7), m.f1(), EPS);
        assertEquals(2, m.labelledEvents());
        assertEquals(1, m.detectedEvents());
        assertEquals(2, m.predictedEvents());
        assertEquals(1, m.truePredictedEvents());
        assertEquals(0.5, m.eventPrecision(), EPS);
        assertEquals(0.5, m.eventRecall(), EPS);
        assertEquals(0.5, m.eventF1(), EPS);
    }

    @Test
    void perfectPredictionScoresOne() {
        LabelMetrics m = LabelMetrics.compute(flags("0110011"), flags("0110011"));
        assertEquals(1.0, m.f1(), EPS);
        assertEquals(1.0, m.eventF1(), EPS);
        assertEquals(2, m.labelledEvents());
    }

    @Test
    void noPredictionsAndNoLabelsGiveZeroNotNaN() {
        LabelMetrics none = LabelMetrics.compute(flags("0000"), flags("0000"));
        assertEquals(0.0, none.precision());
        assertEquals(0.0, none.recall());
        assertEquals(0.0, none.f1());
        assertEquals(0.0, none.eventF1());
        LabelMetrics silent = LabelMetrics.compute(flags("0110"), flags("0000"));
        assertEquals(0.0, silent.precision());
        assertEquals(0.0, silent.eventRecall());
    }

    @Test
    void lengthsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> LabelMetrics.compute(flags("01"), flags("011")));
    }
}
