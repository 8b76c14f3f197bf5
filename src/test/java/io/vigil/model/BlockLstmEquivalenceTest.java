package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The fused graphs ({@link Cell#BLOCK}, trained; {@link Cell#HYBRID}, served) compute what the unrolled graph
 * computes: with equal random weights, every output (reconstruction, window, feature and step errors, latent)
 * agrees within float32 rounding for each variant the model supports and for batches of one and several windows.
 */
class BlockLstmEquivalenceTest {
    /** Float32 sums in a different order over up to 32 recurrent steps: a few ulps, amplified a little. */
    private static final double RELATIVE_TOLERANCE = 1e-5;
    private static final double ABSOLUTE_TOLERANCE = 1e-6;
    /** Weights of the spread trained LSTMs have (Keras' Glorot init for these sizes is ±0.1–0.3). */
    private static final double TRAINED_SCALE = 0.15;
    /** Weights large enough that the recurrence amplifies rounding (float32 alone then differs from float64 by ~1e-4). */
    private static final double CHAOTIC_SCALE = 0.4;

    /** The same random value for a parameter name in every graph that asks for it; records the order asked. */
    private static final class SharedWeights implements Parameters {
        final Map<String, float[]> values = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();
        final double scale;

        SharedWeights(double scale) {
            this.scale = scale;
        }

        @Override
        public <T extends TNumber> Operand<T> get(Ops tf, String name, Shape shape, Init init, Class<T> type) {
            asked.add(name);
            float[] v = values.computeIfAbsent(name, n -> {
                Random random = new Random(n.hashCode());
                float[] w = new float[(int) shape.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (random.nextGaussian() * scale);
                }
                return w;
            });
            return tf.dtypes.cast(tf.constant(shape, DataBuffers.of(v, true, false)), type);
        }
    }

    static List<ModelSpec> specs() {
        Normalization norm = new Normalization(Normalization.Method.ZSCORE, new float[] {0.5f, -1f, 0f, 2f},
                new float[] {2f, 0.5f, 1f, 3f});
        Normalization two = new Normalization(Normalization.Method.ZSCORE, new float[] {0.5f, -1f}, new float[] {2f, 0.5f});
        List<ModelSpec> specs = new ArrayList<>();
        // The shipped demo's shape: T=32, F=4, H=32 each side, repeat decoder.
        specs.add(new ModelSpec(32, 4, new int[] {32}, new int[] {32}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, norm));
        // Stacks, a latent projection, reversed target, sigmoid output; odd sizes throughout.
        specs.add(new ModelSpec(7, 2, new int[] {5, 3}, new int[] {3, 5}, 2, ModelSpec.Variant.REPEAT, true,
                ModelSpec.OutputActivation.SIGMOID, two));
        // seq2seq: the first decoder layer reads no input and starts from the encoder's state.
        specs.add(new ModelSpec(9, 2, new int[] {6, 4}, new int[] {4, 6}, 0, ModelSpec.Variant.SEQ2SEQ, false,
                ModelSpec.OutputActivation.LINEAR, two));
        specs.add(new ModelSpec(6, 2, new int[] {4}, new int[] {4}, 0, ModelSpec.Variant.SEQ2SEQ, true,
                ModelSpec.OutputActivation.LINEAR, two));
        // BCE on [0, 1] inputs (scaled by 2 in inputs()).
        specs.add(new ModelSpec(5, 2, new int[] {4, 3}, new int[] {3}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.SIGMOID, Normalization.fixedScale(2, 2.0), Loss.BCE));
        // One feature, as the NAB models have.
        specs.add(new ModelSpec(16, 1, new int[] {16}, new int[] {16}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, Normalization.zscore(new double[] {1}, new double[] {2})));
        return specs;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void fusedGraphReproducesTheUnrolledGraphsOutputs(ModelSpec spec) {
        SharedWeights weights = new SharedWeights(TRAINED_SCALE);
        for (int batch : new int[] {1, 5, 64}) {
            float[] input = inputs(spec, batch, batch);
            float[][] unrolled = outputs(spec, Cell.UNROLLED, weights, input, batch);
            for (Cell cell : new Cell[] {Cell.BLOCK, Cell.HYBRID}) {
                float[][] fused = outputs(spec, cell, weights, input, batch);
                String[] names = {"reconstruction", "window_error", "feature_error", "step_error", "latent"};
                for (int o = 0; o < names.length; o++) {
                    assertClose(unrolled[o], fused[o], cell.wireName() + " " + spec + " batch " + batch + " " + names[o]);
                }
            }
        }
    }

    /**
     * Padded sequences: the fused op cannot hold a window's state through its padding, so the fused encoder
     * reads its state at each window's last real step instead; the outputs must be the masked unrolled graph's,
     * whatever the padding holds.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void paddedWindowsGiveTheUnrolledGraphsOutputs(ModelSpec spec) {
        SharedWeights weights = new SharedWeights(TRAINED_SCALE);
        int batch = 6;
        int t = spec.window();
        int[] lengths = {t, 1, t - 1, Math.max(1, t / 2), 2, t};
        float[] input = inputs(spec, batch, 3);
        int f = spec.features();
        for (int b = 0; b < batch; b++) {
            for (int step = lengths[b]; step < t; step++) {
                for (int k = 0; k < f; k++) {
                    input[(b * t + step) * f + k] = (step + k) % 2 == 0 ? Float.NaN : 1e30f;
                }
            }
        }
        float[][] unrolled = outputs(spec, Cell.UNROLLED, weights, input, lengths, batch);
        for (Cell cell : new Cell[] {Cell.BLOCK, Cell.HYBRID}) {
            float[][] fused = outputs(spec, cell, weights, input, lengths, batch);
            String[] names = {"reconstruction", "window_error", "feature_error", "step_error", "latent"};
            for (int o = 0; o < names.length; o++) {
                assertClose(unrolled[o], fused[o], cell.wireName() + " padded " + spec + " " + names[o]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void bothCellsAskForTheDocumentedParametersInOrder(ModelSpec spec) {
        for (Cell cell : Cell.values()) {
            SharedWeights weights = new SharedWeights(TRAINED_SCALE);
            try (Graph g = new Graph()) {
                LstmAutoencoder.build(Ops.create(g), spec, weights, TFloat32.class, cell);
            }
            assertEquals(LstmAutoencoder.parameterNames(spec), weights.asked, cell.wireName());
        }
    }

    /**
     * Where the recurrence amplifies rounding, the two float32 graphs drift apart by more than the tolerance
     * above, but the fused one stays as close to the unrolled graph in float64 as the unrolled float32 graph
     * does: the difference is rounding, not a different function.
     */
    @Test
    void withLargeWeightsTheFusedGraphIsAsCloseToFloat64AsTheUnrolledOne() {
        ModelSpec spec = specs().get(0);
        SharedWeights weights = new SharedWeights(CHAOTIC_SCALE);
        int batch = 5;
        float[] input = inputs(spec, batch, 5);
        float[] unrolled = outputs(spec, Cell.UNROLLED, weights, input, batch)[0];
        double[] exact = reconstruction64(spec, weights, input, batch);
        double unrolledError = 0;
        for (int i = 0; i < exact.length; i++) {
            unrolledError += Math.abs(unrolled[i] - exact[i]);
        }
        assertTrue(unrolledError > 0, "float32 rounds");
        for (Cell cell : new Cell[] {Cell.BLOCK, Cell.HYBRID}) {
            float[] fused = outputs(spec, cell, weights, input, batch)[0];
            double fusedError = 0;
            for (int i = 0; i < exact.length; i++) {
                fusedError += Math.abs(fused[i] - exact[i]);
            }
            assertTrue(fusedError < 3 * unrolledError, cell.wireName() + " float32 is " + fusedError + " from float64, unrolled float32 "
                    + unrolledError);
        }
    }

    @Test
    void theFusedCellsRefuseFloat64() {
        ModelSpec spec = specs().get(1);
        for (Cell cell : new Cell[] {Cell.BLOCK, Cell.HYBRID}) {
            try (Graph g = new Graph()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LstmAutoencoder.build(Ops.create(g), spec, new SharedWeights(TRAINED_SCALE), TFloat64.class, cell));
                assertTrue(e.getMessage().contains("float32"), e.getMessage());
            }
        }
    }

    @Test
    void cellsRoundTripThroughTheirWireNames() {
        for (Cell cell : Cell.values()) {
            assertEquals(cell, Cell.parse(cell.wireName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cell.parse("gru"));
        assertTrue(e.getMessage().contains("lstm-unrolled, lstm-block, lstm-hybrid"), e.getMessage());
    }

    private static float[][] outputs(ModelSpec spec, Cell cell, Parameters weights, float[] input, int batch) {
        int[] full = new int[batch];
        java.util.Arrays.fill(full, spec.window());
        return outputs(spec, cell, weights, input, full, batch);
    }

    private static float[][] outputs(ModelSpec spec, Cell cell, Parameters weights, float[] input, int[] lengths, int batch) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            AutoencoderOutputs<TFloat32> out = LstmAutoencoder.build(Ops.create(g), spec, weights, TFloat32.class, cell);
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch, spec.window(), spec.features()), DataBuffers.of(input, true, false));
                 TInt32 n = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(lengths, true, false));
                 Result r = s.runner().feed(out.input(), x).feed(out.lengths(), n).fetch(out.reconstruction()).fetch(out.windowError())
                         .fetch(out.featureError()).fetch(out.stepError()).fetch(out.latent()).run()) {
                float[][] values = new float[5][];
                for (int i = 0; i < values.length; i++) {
                    TFloat32 t = (TFloat32) r.get(i);
                    values[i] = new float[(int) t.size()];
                    t.copyTo(DataBuffers.of(values[i], false, false));
                }
                return values;
            }
        }
    }

    private static double[] reconstruction64(ModelSpec spec, Parameters weights, float[] input, int batch) {
        double[] in = new double[input.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = input[i];
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            AutoencoderOutputs<TFloat64> out = LstmAutoencoder.build(Ops.create(g), spec, weights, TFloat64.class, Cell.UNROLLED);
            try (TFloat64 x = TFloat64.tensorOf(Shape.of(batch, spec.window(), spec.features()), DataBuffers.of(in, true, false));
                 Result r = s.runner().feed(out.input(), x).fetch(out.reconstruction()).run()) {
                double[] values = new double[input.length];
                ((TFloat64) r.get(0)).copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }
    }

    /** Gaussian raw windows of spread 2; for BCE uniform in [0, 2], i.e. [0, 1] after the spec's scaling. */
    private static float[] inputs(ModelSpec spec, int batch, long seed) {
        float[] input = new float[batch * spec.window() * spec.features()];
        Random r = new Random(seed);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (spec.loss() == Loss.BCE ? r.nextDouble() * 2 : r.nextGaussian() * 2);
        }
        return input;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(expected[i]);
            assertTrue(Math.abs(expected[i] - actual[i]) <= allowed, what + "[" + i + "]: unrolled " + expected[i] + ", fused " + actual[i]);
        }
    }
}
