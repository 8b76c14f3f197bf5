package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Cell;
import io.vigil.model.ModelSignature;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.score.SavedModelScorer;
import io.vigil.score.ScoreBatch;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;

/**
 * What training exports is the fused serving graph, recorded as such in {@code model.json}; and the shipped
 * demo model, exported before the fused cell existed, gives the same outputs from its own (unrolled)
 * SavedModel as from its weights re-exported with the fused cell.
 */
class ServingGraphTest {
    private static final Path DEMO = Path.of("models/demo");

    @Test
    void trainingExportsTheFusedGraphAndSaysSoInModelJson() {
        Path version = ModelDirectory.resolve(TestModels.hostsModel(), null);
        assertEquals(Cell.HYBRID.wireName(), ModelMetadataMapper.read(version).architecture().cell());
        try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), ModelSignature.TAG)) {
            assertEquals(1, opsOfType(bundle, "BlockLSTMV2"), "the encoder is one fused op");
            assertTrue(opsOfType(bundle, "Sigmoid") <= 3 * TestModels.WINDOW, "only the repeat decoder's layer is unrolled");
        }
    }

    @Test
    void theShippedUnrolledDemoModelAndItsFusedReexportAgree(@TempDir Path dir) throws Exception {
        Path shipped = ModelDirectory.resolve(DEMO, null);
        assertEquals(Cell.UNROLLED.wireName(), ModelMetadataMapper.read(shipped).architecture().cell(), "shipped before the fused cell");
        ServingGraphs.reexport(shipped, Cell.HYBRID, dir.resolve("fused"));
        try (SavedModelScorer unrolled = SavedModelScorer.load(shipped);
             SavedModelScorer fused = SavedModelScorer.load(dir.resolve("fused"))) {
            for (int batch : new int[] {1, 37}) {
                float[] windows = demoLikeWindows(batch, unrolled.window(), unrolled.features());
                ScoreBatch a = unrolled.score(windows, batch);
                ScoreBatch b = fused.score(windows, batch);
                assertClose(a.reconstruction(), b.reconstruction(), "reconstruction");
                assertClose(a.windowError(), b.windowError(), "window error");
                assertClose(a.featureError(), b.featureError(), "feature error");
                assertClose(a.stepError(), b.stepError(), "step error");
                assertClose(a.latent(), b.latent(), "latent");
            }
        }
    }

    /** Raw values around the demo's own ranges (cpu %, mem %, latency ms, requests/s). */
    private static float[] demoLikeWindows(int count, int window, int features) {
        float[] center = {40, 60, 40, 230};
        float[] spread = {15, 12, 20, 200};
        Random r = new Random(count);
        float[] out = new float[count * window * features];
        for (int i = 0; i < out.length; i++) {
            int f = i % features;
            out[i] = (float) (center[f] + spread[f] * r.nextGaussian());
        }
        return out;
    }

    private static long opsOfType(SavedModelBundle bundle, String type) {
        return StreamSupport.stream(((Iterable<GraphOperation>) () -> bundle.graph().operations()).spliterator(), false)
                .filter(op -> op.type().equals(type)).count();
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]), what + "[" + i + "]");
        }
    }
}
