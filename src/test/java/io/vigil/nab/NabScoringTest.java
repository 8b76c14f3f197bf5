package io.vigil.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NAB's rules on cases small enough to compute by hand. */
class NabScoringTest {
    static final double MAX_TP = 2 / (1 + Math.exp(-5)) - 1;  // s(-1)

    /** 20 rows, scoring from row 3, one labelled window over rows 10..14 (width 5). */
    static NabFile file(int... detections) {
        double[] scores = new double[20];
        for (int d : detections) {
            scores[d] = 1.0;
        }
        return new NabFile("cat/f.csv", scores, 3, List.of(new int[] {10, 14}));
    }

    @Test
    void detectionAtTheWindowStartEarnsTheFullReward() {
        assertEquals(1.0, NabScoring.scoreFile(file(10), NabProfile.STANDARD, 0.5), 1e-12);
    }

    @Test
    void laterDetectionsEarnLessAndOnlyTheBestCounts() {
        double s = 2 / (1 + Math.exp(5 * -0.2)) - 1;  // row 14: x = -(14 - 14 + 1) / 5
        assertEquals(s / MAX_TP, NabScoring.scoreFile(file(14), NabProfile.STANDARD, 0.5), 1e-12);
        assertEquals(1.0, NabScoring.scoreFile(file(10, 12, 14), NabProfile.STANDARD, 0.5), 1e-12);
    }

    @Test
    void falsePositivesCostByPositionAndAMissedWindowCostsFn() {
        assertEquals(-0.11 - 1.0, NabScoring.scoreFile(file(5), NabProfile.STANDARD, 0.5), 1e-12, "before the window: -fp");
        double after = (2 / (1 + Math.exp(5 * 0.5)) - 1) * 0.11;  // row 16: x = (16 - 14) / (5 - 1)
        assertEquals(after - 1.0, NabScoring.scoreFile(file(16), NabProfile.STANDARD, 0.5), 1e-12);
        double late = (2 / (1 + Math.exp(5 * 1.25)) - 1) * 0.11;  // row 19: x = 1.25, still on the sigmoid
        assertEquals(late - 1.0, NabScoring.scoreFile(file(19), NabProfile.STANDARD, 0.5), 1e-12);
        assertEquals(-2.0, NabScoring.scoreFile(file(), NabProfile.LOW_FN, 0.5), 1e-12);
        assertEquals(-1.0, NabScoring.scoreFile(file(1), NabProfile.STANDARD, 0.5), 1e-12, "probation rows never count");
    }

    @Test
    void normalisedScoreRunsFromNullToPerfect() {
        assertEquals(100.0, NabScoring.scoreAt(List.of(file(10)), NabProfile.STANDARD, 0.5).normalised(), 1e-9);
        assertEquals(0.0, NabScoring.scoreAt(List.of(file()), NabProfile.STANDARD, 0.5).normalised(), 1e-9);
    }

    @Test
    void thresholdOptimisationFindsTheBestCutAndPrefersTheHighestOnTies() {
        double[] scores = new double[20];
        Arrays.fill(scores, 0.1);
        scores[11] = 0.9;   // inside the window
        scores[5] = 0.5;    // a false positive below the true detection
        NabFile f = new NabFile("cat/f.csv", scores, 3, List.of(new int[] {10, 14}));
        NabScoring.Result r = NabScoring.score(List.of(f), NabProfile.STANDARD);
        assertEquals(0.9, r.threshold(), 1e-12);
        double s = 2 / (1 + Math.exp(5 * (-(14 - 11 + 1) / 5.0))) - 1;
        assertEquals(s / MAX_TP, r.raw(), 1e-12);

        double[] none = new double[200];
        none[5] = 0.7;      // a false positive, and detecting everything costs ~180 false positives: nothing is best
        NabScoring.Result n = NabScoring.score(List.of(new NabFile("c/g.csv", none, 3, List.of(new int[] {10, 14}))),
                NabProfile.STANDARD);
        assertEquals(NabScoring.NO_DETECTION, n.threshold());
        assertEquals(0.0, n.normalised(), 1e-9);
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertEquals(604, NabFile.probation(4032));
        assertEquals(750, NabFile.probation(22695));
    }
}
