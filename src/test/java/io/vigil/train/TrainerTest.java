package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.AutoencoderOutputs;
import io.vigil.model.LstmAutoencoder;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.model.VariableParameters;
import io.vigil.score.SavedModelScorer;
import io.vigil.score.ScoreBatch;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TrainerTest {
    private static final int T = 16;
    private static final double NOISE = 0.1;

    /** Windows of a unit sine (period 12 steps, random phase) plus Gaussian noise. */
    static float[] noisySines(int count, long seed) {
        Random r = new Random(seed);
        float[] out = new float[count * T];
        for (int w = 0; w < count; w++) {
            double phase = r.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < T; t++) {
                out[w * T + t] = (float) (Math.sin(2 * Math.PI * t / 12.0 + phase) + NOISE * r.nextGaussian());
            }
        }
        return out;
    }

    static ModelSpec sineSpec() {
        double std = Math.sqrt(0.5 + NOISE * NOISE);
        return new ModelSpec(T, 1, new int[] {16}, new int[] {16}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, Normalization.zscore(new double[] {0}, new double[] {std}));
    }

    @Test
    void lossFallsToNearTheNoiseFloorOnNoisySines() {
        ModelSpec spec = sineSpec();
        float[] train = noisySines(1500, 1);
        float[] val = noisySines(300, 2);
        Trainer.Result result = Trainer.train(spec, train, 1500, val, 300,
                new Trainer.Settings(15, 32, 0.01, 5, 42), new Trainer.Listener() { });
        double first = result.history().get(0).loss();
        double bestVal = result.history().get(result.bestEpoch() - 1).valLoss();
        // In normalised units the noise alone costs NOISE^2 / (0.5 + NOISE^2) ≈ 0.0196 of mean squared error.
        double noiseFloor = NOISE * NOISE / (0.5 + NOISE * NOISE);
        assertTrue(bestVal < 2.5 * noiseFloor, "best val_loss " + bestVal + " vs noise floor " + noiseFloor);
        assertTrue(bestVal < first / 10, "loss fell from " + first + " to " + bestVal);
    }

    @Test
    void sameSeedGivesBitwiseTheSameWeights() {
        // Big enough that the graph optimiser's update race (see TrainingGraph.sessionConfig) showed up here.
        ModelSpec spec = new ModelSpec(T, 1, new int[] {32}, new int[] {32}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, sineSpec().normalization());
        float[] train = noisySines(600, 3);
        Trainer.Settings s = new Trainer.Settings(2, 32, 0.01, 0, 9);
        Trainer.Result a = Trainer.train(spec, train, 600, new float[0], 0, s, new Trainer.Listener() { });
        Trainer.Result b = Trainer.train(spec, train, 600, new float[0], 0, s, new Trainer.Listener() { });
        assertEquals(a.history(), b.history().stream().map(e -> new Trainer.Epoch(e.epoch(), e.loss(), e.valLoss(),
                a.history().get(e.epoch() - 1).seconds())).toList(), "same losses");
        for (String name : a.weights().keySet()) {
            assertTrue(java.util.Arrays.equals(a.weights().get(name), b.weights().get(name)), name + " differs");
        }
        Trainer.Result c = Trainer.train(spec, train, 600, new float[0], 0, new Trainer.Settings(2, 32, 0.01, 0, 10),
                new Trainer.Listener() { });
        assertTrue(!java.util.Arrays.equals(a.weights().get("output/kernel"), c.weights().get("output/kernel")),
                "another seed gives another model");
    }

    @Test
    void exportedModelReproducesTheTrainersOutputs(@TempDir Path dir) throws Exception {
        ModelSpec spec = new ModelSpec(T, 1, new int[] {8, 4}, new int[] {4, 8}, 3, ModelSpec.Variant.REPEAT, true,
                ModelSpec.OutputActivation.LINEAR, sineSpec().normalization());
        float[] train = noisySines(100, 4);
        Trainer.Result result = Trainer.train(spec, train, 100, new float[0], 0,
                new Trainer.Settings(2, 16, 0.01, 0, 5), new Trainer.Listener() { });
        float[] windows = noisySines(20, 6);
        float[] expectedRecon = new float[20 * T];
        float[] expectedErr = new float[20];
        float[] expectedLatent = new float[20 * 3];
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            AutoencoderOutputs<TFloat32> out = LstmAutoencoder.build(tf, spec, VariableParameters.of(result.weights()), TFloat32.class);
            s.initialize();
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(20, T, 1), DataBuffers.of(windows, true, false));
                 Result r = s.runner().feed(out.input(), x).fetch(out.reconstruction()).fetch(out.windowError())
                         .fetch(out.latent()).run()) {
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(expectedRecon, false, false));
                ((TFloat32) r.get(1)).copyTo(DataBuffers.of(expectedErr, false, false));
                ((TFloat32) r.get(2)).copyTo(DataBuffers.of(expectedLatent, false, false));
            }
        }
        Path exported = dir.resolve("model");
        ModelExporter.export(exported, spec, result.weights());
        try (SavedModelScorer scorer = SavedModelScorer.load(exported)) {
            assertEquals(T, scorer.window());
            assertEquals(1, scorer.features());
            ScoreBatch batch = scorer.score(windows, 20);
            assertClose(expectedRecon, batch.reconstruction());
            assertClose(expectedErr, batch.windowError());
            assertClose(expectedLatent, batch.latent());
            assertEquals(20 * T, batch.stepError().length);
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

}
