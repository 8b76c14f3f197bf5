package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Cell;
import io.vigil.model.ModelSpec;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.SavedModelScorer;
import io.vigil.score.ScoreBatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models shipped under {@code models/} were exported before the signature had a {@code lengths}
 * input, and with the unrolled cell. They still load and score full windows, refuse shorter ones with a
 * clear message, and today's graph builder given their weights exports a model that takes {@code lengths}:
 * with the unrolled cell it gives exactly the same outputs for full windows, with the serving cell (fused)
 * the same within float32 rounding.
 */
class ShippedModelsReexportTest {
    private static final int WINDOWS = 64;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"models/nab-machine-temp", "models/demo"})
    void anOldSavedModelScoresFullWindowsAndItsWeightsReexportIdentically(String model) throws Exception {
        try (LoadedModel old = LoadedModel.load(Path.of(model), null)) {
            ModelMetadata m = old.metadata();
            assertFalse(old.scorer().acceptsLengths(), "shipped before the lengths input");
            int t = m.window();
            int f = m.features().size();
            float[] windows = windowsInTrainingRange(m, WINDOWS);
            ScoreBatch before = old.scorer().score(windows, WINDOWS);

            int[] short1 = new int[WINDOWS];
            java.util.Arrays.fill(short1, t);
            short1[5] = t - 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> old.scorer().score(windows, short1, WINDOWS));
            assertTrue(e.getMessage().contains("exported before variable-length sequences") && e.getMessage().contains("window 5"),
                    e.getMessage());

            assertTrue(m.architecture().cell().equals(Cell.UNROLLED.wireName()), "shipped before the fused cells");
            Path reexported = dir.resolve(m.name());
            ModelSpec spec = ServingGraphs.spec(m);
            Map<String, float[]> weights = ServingGraphs.weights(old.dir(), spec);
            ModelExporter.export(reexported, spec, weights, Cell.UNROLLED);
            try (SavedModelScorer now = SavedModelScorer.load(reexported)) {
                assertTrue(now.acceptsLengths());
                int[] full = new int[WINDOWS];
                java.util.Arrays.fill(full, t);
                for (ScoreBatch after : new ScoreBatch[] {now.score(windows, WINDOWS), now.score(windows, full, WINDOWS)}) {
                    assertArrayEquals(before.reconstruction(), after.reconstruction(), model + " reconstruction");
                    assertArrayEquals(before.windowError(), after.windowError(), model + " window error");
                    assertArrayEquals(before.featureError(), after.featureError(), model + " feature error");
                    assertArrayEquals(before.stepError(), after.stepError(), model + " step error");
                    assertArrayEquals(before.latent(), after.latent(), model + " latent");
                }
                assertTrue(f * t * WINDOWS == before.reconstruction().length);
            }
            Path fused = dir.resolve(m.name() + "-fused");
            ModelExporter.export(fused, spec, weights);
            try (SavedModelScorer now = SavedModelScorer.load(fused)) {
                assertTrue(now.acceptsLengths());
                ScoreBatch after = now.score(windows, WINDOWS);
                assertClose(before.reconstruction(), after.reconstruction(), model + " reconstruction");
                assertClose(before.windowError(), after.windowError(), model + " window error");
                assertClose(before.featureError(), after.featureError(), model + " feature error");
                assertClose(before.stepError(), after.stepError(), model + " step error");
                assertClose(before.latent(), after.latent(), model + " latent");
            }
        }
    }

    /** Float32 rounding of differently ordered sums: 1e-5 relative, 1e-6 absolute. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]), what + "[" + i + "]");
        }
    }

    /** Windows of values drawn uniformly from each feature's training range. */
    private static float[] windowsInTrainingRange(ModelMetadata m, int count) {
        int f = m.features().size();
        float[] out = new float[count * m.window() * f];
        Random r = new Random(8);
        for (int i = 0; i < out.length; i++) {
            ModelMetadata.Range range = m.trainingRange().get(m.features().get(i % f));
            out[i] = (float) (range.min() + r.nextDouble() * (range.max() - range.min()));
        }
        return out;
    }
}
