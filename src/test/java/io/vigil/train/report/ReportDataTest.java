package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.train.report.ReportData.Epoch;
import io.vigil.train.report.ReportData.Example;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportDataTest {
    private final ReportData sample = SampleReport.data("cpu", List.of("cpu", "mem"), 5, true);

    @Test
    void refusesAnEmptyHistory() {
        var e = assertThrows(IllegalArgumentException.class, () -> withHistory(List.of(), 1));
        assertTrue(e.getMessage().contains("history is empty"), e.getMessage());
    }

    @Test
    void refusesABestEpochOutsideTheHistory() {
        var e = assertThrows(IllegalArgumentException.class, () -> withHistory(sample.history(), 9));
        assertEquals("best epoch 9 is not in the history (epochs 1..5)", e.getMessage());
    }

    @Test
    void refusesAnExampleWithTheWrongFeatureCount() {
        Example oneFeature = SampleReport.example(new Random(1), 1, "host-1", 0.1, "worst");
        var e = assertThrows(IllegalArgumentException.class, () -> withExamples(List.of(oneFeature)));
        assertEquals("example 1 (series host-1) has 1 features per step, the model has 2 [cpu, mem]",
                e.getMessage());
    }

    @Test
    void refusesAReconstructionOfAnotherShape() {
        float[][] original = new float[4][2];
        var steps = assertThrows(IllegalArgumentException.class,
                () -> new Example("s", 0, 1000, 0.1, original, new float[3][2], "worst"));
        assertEquals("example of series s: original has 4 steps, reconstruction has 3", steps.getMessage());
        var features = assertThrows(IllegalArgumentException.class,
                () -> new Example("s", 0, 1000, 0.1, original, new float[4][1], "worst"));
        assertTrue(features.getMessage().contains("step 0 has 2 original and 1 reconstructed values"),
                features.getMessage());
    }

    @Test
    void refusesMissingOrNonFiniteErrors() {
        assertThrows(IllegalArgumentException.class, () -> withErrors(new double[0]));
        var e = assertThrows(IllegalArgumentException.class, () -> withErrors(new double[] {0.1, Double.NaN}));
        assertEquals("window error 1 is NaN, expected a finite number", e.getMessage());
    }

    @Test
    void keepsSummaryOrder() {
        assertEquals(List.of("training windows", "validation windows", "parameters", "data fingerprint"),
                List.copyOf(sample.summary().keySet()));
    }

    private ReportData withHistory(List<Epoch> history, int best) {
        return new ReportData("cpu", "v1", sample.featureNames(), history, best, sample.windowErrors(),
                sample.errorSplit(), 0.99, 0.1, Map.of(), List.of());
    }

    private ReportData withExamples(List<Example> examples) {
        return new ReportData("cpu", "v1", sample.featureNames(), sample.history(), 1, sample.windowErrors(),
                sample.errorSplit(), 0.99, 0.1, Map.of(), examples);
    }

    private ReportData withErrors(double[] errors) {
        return new ReportData("cpu", "v1", sample.featureNames(), sample.history(), 1, errors,
                sample.errorSplit(), 0.99, 0.1, Map.of(), List.of());
    }
}
