package io.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.score.ScoreBatch;
import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Windowing;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model shipped under {@code models/} still loads with this release (model.json format, checksums,
 * signature, warm-up) and scores its own training series as its model.json says it should.
 */
class CommittedModelTest {
    static final Path MODEL = Path.of("models/nab-machine-temp");
    static final Path DATA = Path.of("src/test/resources/io/vigil/registry/machine_temperature_head.csv");

    @Test
    void shippedModelLoadsAndScoresLikeItsCalibrationSays() {
        try (LoadedModel model = LoadedModel.load(MODEL, null)) {
            ModelMetadata m = model.metadata();
            assertEquals(List.of("value"), m.features());
            assertEquals(32, m.window());
            History h = new HistoryReader(HistoryOptions.defaults().withFeatures(m.features())).read(List.of(DATA));
            SeriesHistory s = h.series().get(0);
            int[] ends = Windowing.windowEnds(s, m.window(), java.time.Duration.ofMinutes(15));
            int n = Math.min(256, ends.length);
            float[] windows = new float[n * m.window()];
            for (int i = 0; i < n; i++) {
                Windowing.copyWindow(s, ends[i], m.window(), windows, i * m.window());
            }
            ScoreBatch out = model.scorer().score(windows, n);
            double[] errors = new double[n];
            for (int i = 0; i < n; i++) {
                errors[i] = out.windowError(i);
                assertTrue(Double.isFinite(errors[i]));
            }
            Arrays.sort(errors);
            double median = errors[n / 2];
            double calibrated = m.validationErrors().quantiles().get("p50");
            // Normal data from the start of the series: its typical error is of the validation median's order.
            assertTrue(median < 10 * calibrated && median > calibrated / 10,
                    "median error " + median + " vs validation median " + calibrated);
        }
    }
}
