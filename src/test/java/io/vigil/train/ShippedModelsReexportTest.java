package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Loss;
import io.vigil.model.LstmAutoencoder;
import io.vigil.model.ModelSignature;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.SavedModelScorer;
import io.vigil.score.ScoreBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The models shipped under {@code models/} were exported before the signature had a {@code lengths}
 * input. They still load and score full windows, refuse shorter ones with a clear message, and today's
 * graph builder given their weights exports a model that takes {@code lengths} and gives exactly the same
 * outputs for full windows.
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

            Path reexported = dir.resolve(m.name());
            ModelSpec spec = spec(m);
            ModelExporter.export(reexported, spec, weights(old.dir(), spec));
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

    private static ModelSpec spec(ModelMetadata m) {
        ModelMetadata.Architecture a = m.architecture();
        Normalization norm = new Normalization(Normalization.Method.parse(m.normalization().method()), m.normalization().center(),
                m.normalization().scale());
        return new ModelSpec(m.window(), m.features().size(), a.encoderHidden(), a.decoderHidden(), a.latent(),
                ModelSpec.Variant.parse(a.variant()), a.reverse(), ModelSpec.OutputActivation.parse(a.output()), norm,
                Loss.parse(m.loss()));
    }

    /** The trained values, read from the SavedModel's variables (their op names are the parameter names). */
    private static Map<String, float[]> weights(Path version, ModelSpec spec) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), ModelSignature.TAG)) {
            Session.Runner runner = bundle.session().runner();
            for (String name : LstmAutoencoder.parameterNames(spec)) {
                runner.fetch(name);
            }
            try (Result result = runner.run()) {
                int i = 0;
                for (String name : LstmAutoencoder.parameterNames(spec)) {
                    TFloat32 v = (TFloat32) result.get(i++);
                    float[] values = new float[(int) v.size()];
                    v.copyTo(DataBuffers.of(values, false, false));
                    weights.put(name, values);
                }
            }
        }
        return weights;
    }
}
