package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * With {@link BlockLstmGradient} registered, the fused graph trains: its gradients for every parameter agree
 * with the unrolled graph's, whose own gradients {@link LstmAutoencoderGradientTest} checks against finite
 * differences. The reference is the unrolled graph in float64; the fused graph (float32 only) must be as
 * close to it as the unrolled graph in float32 is, up to a small factor.
 */
class BlockLstmGradientTest {
    /** Float32 gradients of a 10-step recurrence: a few parts in a million of the largest gradient. */
    private static final double RELATIVE_TO_LARGEST = 2e-5;

    @BeforeAll
    static void register() {
        BlockLstmGradient.register();
    }

    /** The same values as placeholders of the graph's float type, fed at each run. */
    private static final class FedParameters implements Parameters {
        final Map<String, Placeholder<?>> placeholders = new LinkedHashMap<>();
        final Map<String, Shape> shapes = new LinkedHashMap<>();
        final Map<String, double[]> values;

        FedParameters(Map<String, double[]> values) {
            this.values = values;
        }

        @Override
        public <T extends TNumber> Operand<T> get(Ops tf, String name, Shape shape, Init init, Class<T> type) {
            Placeholder<T> p = tf.placeholder(type, Placeholder.shape(shape));
            values.computeIfAbsent(name, n -> {
                Random random = new Random(n.hashCode());
                double[] v = new double[(int) shape.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextGaussian() * 0.3;
                }
                return v;
            });
            placeholders.put(name, p);
            shapes.put(name, shape);
            return p;
        }
    }

    static List<ModelSpec> specs() {
        Normalization two = new Normalization(Normalization.Method.ZSCORE, new float[] {0.5f, -1f}, new float[] {2f, 0.5f});
        List<ModelSpec> specs = new ArrayList<>();
        specs.add(new ModelSpec(10, 2, new int[] {6}, new int[] {6}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, two));
        specs.add(new ModelSpec(8, 2, new int[] {5, 3}, new int[] {3, 5}, 2, ModelSpec.Variant.REPEAT, true,
                ModelSpec.OutputActivation.SIGMOID, two));
        specs.add(new ModelSpec(8, 2, new int[] {4, 6}, new int[] {6, 4}, 0, ModelSpec.Variant.SEQ2SEQ, false,
                ModelSpec.OutputActivation.LINEAR, two));
        specs.add(new ModelSpec(6, 2, new int[] {4, 3}, new int[] {3}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.SIGMOID, Normalization.fixedScale(2, 2.0), Loss.BCE));
        return specs;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void fusedGradientsMatchTheUnrolledGraphs(ModelSpec spec) {
        int t = spec.window();
        assertGradientsMatch(spec, new int[] {t, t, t, t});
    }

    /** Padded sequences train through the fused cell too: the same gradients as the masked unrolled graph's. */
    @ParameterizedTest
    @MethodSource("specs")
    void fusedGradientsOfPaddedWindowsMatchTheUnrolledGraphs(ModelSpec spec) {
        int t = spec.window();
        assertGradientsMatch(spec, new int[] {t, 1, t / 2, t - 1});
    }

    private static void assertGradientsMatch(ModelSpec spec, int[] lengths) {
        Map<String, double[]> values = new LinkedHashMap<>();
        int batch = lengths.length;
        double[] input = inputs(spec, batch);
        Map<String, double[]> exact = gradients(spec, Cell.UNROLLED, TFloat64.class, values, input, lengths);
        Map<String, double[]> unrolled = gradients(spec, Cell.UNROLLED, TFloat32.class, values, input, lengths);
        Map<String, double[]> fused = gradients(spec, Cell.BLOCK, TFloat32.class, values, input, lengths);
        assertEquals(exact.keySet(), fused.keySet());
        for (String name : exact.keySet()) {
            double[] e = exact.get(name);
            double largest = 0;
            for (double v : e) {
                largest = Math.max(largest, Math.abs(v));
            }
            double unrolledError = maxDifference(e, unrolled.get(name));
            double fusedError = maxDifference(e, fused.get(name));
            assertTrue(fusedError <= RELATIVE_TO_LARGEST * largest, name + ": fused float32 differs from float64 by " + fusedError
                    + " (largest gradient " + largest + ", unrolled float32 differs by " + unrolledError + ")");
        }
    }

    private static double maxDifference(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static <T extends TNumber> Map<String, double[]> gradients(ModelSpec spec, Cell cell, Class<T> type,
                                                                       Map<String, double[]> values, double[] input, int[] lengths) {
        int batch = lengths.length;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            FedParameters params = new FedParameters(values);
            AutoencoderOutputs<T> out = LstmAutoencoder.build(tf, spec, params, type, cell);
            List<String> names = new ArrayList<>(params.placeholders.keySet());
            Output<?>[] xs = names.stream().map(n -> params.placeholders.get(n).asOutput()).toArray(Output[]::new);
            Output<?>[] grads = g.addGradients(out.loss().asOutput(), xs);
            List<Tensor> fed = new ArrayList<>();
            try {
                Session.Runner runner = s.runner();
                runner.feed(out.input(), fed(type, Shape.of(batch, spec.window(), spec.features()), input, fed));
                TInt32 steps = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(lengths, true, false));
                fed.add(steps);
                runner.feed(out.lengths(), steps);
                for (String n : names) {
                    runner.feed(params.placeholders.get(n), fed(type, params.shapes.get(n), values.get(n), fed));
                }
                for (Output<?> grad : grads) {
                    runner.fetch(grad);
                }
                Map<String, double[]> result = new LinkedHashMap<>();
                try (Result r = runner.run()) {
                    for (int i = 0; i < names.size(); i++) {
                        result.put(names.get(i), read(r.get(i)));
                    }
                }
                return result;
            } finally {
                fed.forEach(Tensor::close);
            }
        }
    }

    private static Tensor fed(Class<?> type, Shape shape, double[] values, List<Tensor> owned) {
        Tensor t;
        if (type == TFloat64.class) {
            t = TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            t = TFloat32.tensorOf(shape, DataBuffers.of(f, true, false));
        }
        owned.add(t);
        return t;
    }

    private static double[] read(Tensor t) {
        double[] out = new double[(int) t.shape().size()];
        if (t instanceof TFloat64 d) {
            d.copyTo(DataBuffers.of(out, false, false));
        } else {
            float[] f = new float[out.length];
            ((TFloat32) t).copyTo(DataBuffers.of(f, false, false));
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    /** Gaussian raw inputs; for BCE uniform in [0, 2], i.e. [0, 1] after the spec's scaling by 2. */
    private static double[] inputs(ModelSpec spec, int batch) {
        double[] input = new double[batch * spec.window() * spec.features()];
        Random r = new Random(11);
        for (int i = 0; i < input.length; i++) {
            input[i] = spec.loss() == Loss.BCE ? r.nextDouble() * 2 : r.nextGaussian() * 2;
        }
        return input;
    }
}
