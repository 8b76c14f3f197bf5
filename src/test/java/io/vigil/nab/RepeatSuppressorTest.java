package io.vigil.nab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RepeatSuppressorTest {
    static double[] run(int cooldown, double... scores) {
        RepeatSuppressor r = new RepeatSuppressor(cooldown);
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = r.report(scores[i]);
        }
        return out;
    }

    @Test
    void onlyNewHighsWithinTheCooldownAreReported() {
        assertArrayEquals(new double[] {0.1, 0.9, 0, 0.95, 0, 0, 0},
                run(3, 0.1, 0.9, 0.8, 0.95, 0.9, 0.2, 0.2));
    }

    @Test
    void afterTheCooldownAnEqualScoreIsReportedAgain() {
        assertArrayEquals(new double[] {0.9, 0, 0, 0.9}, run(2, 0.9, 0.5, 0.5, 0.9));
    }

    @Test
    void zeroCooldownReportsEverything() {
        assertArrayEquals(new double[] {0.5, 0.4, 0.5}, run(0, 0.5, 0.4, 0.5));
    }
}
