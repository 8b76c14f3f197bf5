package io.vigil.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuantileCalibratorTest {

    @Test
    void scoresAWindowByItsErrorsQuantileInTheValidationDistribution() {
        ErrorDistribution d = ErrorDistribution.of(new double[] {0, 1, 2, 3, 4},
                new double[][] {{0}, {1}, {2}, {3}, {4}});
        Calibrator calibrator = new QuantileCalibrator(d);
        assertEquals("validation-quantile", calibrator.name());
        assertEquals(0.5, calibrator.score(new WindowError(2, new double[] {2}, new double[] {1})), 1e-12);
        assertEquals(1.0, calibrator.score(new WindowError(9, new double[] {9}, new double[] {1})));
    }
}
