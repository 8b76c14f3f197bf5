package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * The graph's analytic gradients (TensorFlow's, through the unrolled cell) agree with central finite
 * differences in float64 for every parameter of small models of each variant.
 */
class LstmAutoencoderGradientTest {
    private static final double EPS = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-5;
    /** Central differences at EPS in float64 carry about 1e-9 of rounding noise. */
    private static final double ABSOLUTE_TOLERANCE = 1e-8;

    /** Parameters as float64 placeholders, so the check can feed perturbed values. */
    private static final class PlaceholderParameters implements Parameters {
        final Map<String, Placeholder<TFloat64>> placeholders = new LinkedHashMap<>();
        final Map<String, double[]> values = new LinkedHashMap<>();
        final Map<String, Shape> shapes = new LinkedHashMap<>();
        final Random random = new Random(7);

        @Override
        @SuppressWarnings("unchecked")
        public <T extends TNumber> Operand<T> get(Ops tf, String name, Shape shape, Init init, Class<T> type) {
            Placeholder<TFloat64> p = tf.placeholder(TFloat64.class, Placeholder.shape(shape));
            double[] v = new double[(int) shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextGaussian() * 0.5;
            }
            placeholders.put(name, p);
            values.put(name, v);
            shapes.put(name, shape);
            return (Operand<T>) p;
        }
    }

    static List<ModelSpec> specs() {
        Normalization norm = new Normalization(Normalization.Method.ZSCORE, new float[] {0.5f, -1f}, new float[] {2f, 0.5f});
        List<ModelSpec> specs = new ArrayList<>();
        specs.add(new ModelSpec(4, 2, new int[] {3}, new int[] {3}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, norm));
        specs.add(new ModelSpec(3, 2, new int[] {3, 2}, new int[] {2, 3}, 2, ModelSpec.Variant.REPEAT, true,
                ModelSpec.OutputActivation.SIGMOID, norm));
        specs.add(new ModelSpec(3, 2, new int[] {2}, new int[] {2, 3}, 0, ModelSpec.Variant.SEQ2SEQ, false,
                ModelSpec.OutputActivation.LINEAR, norm));
        // BCE: inputs in [0, 1] after scaling by 2 (see inputs()), predictions far inside the clip range.
        specs.add(new ModelSpec(3, 2, new int[] {3, 2}, new int[] {3}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.SIGMOID, Normalization.fixedScale(2, 2.0), Loss.BCE));
        return specs;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void analyticGradientsMatchFiniteDifferences(ModelSpec spec) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            PlaceholderParameters params = new PlaceholderParameters();
            AutoencoderOutputs<TFloat64> out = LstmAutoencoder.build(tf, spec, params, TFloat64.class);
            List<String> names = new ArrayList<>(params.placeholders.keySet());
            assertEquals(LstmAutoencoder.parameterNames(spec), names, "parameter order is the documented one");
            Output<?>[] xs = names.stream().map(n -> params.placeholders.get(n).asOutput()).toArray(Output[]::new);
            Output<?>[] grads = graph.addGradients(out.loss().asOutput(), xs);

            int batch = 3;
            double[] input = inputs(spec, batch);

            double[][] analytic = new double[names.size()][];
            try (Result result = run(session, params, out.input(), input, batch, spec, grads)) {
                for (int i = 0; i < names.size(); i++) {
                    TFloat64 g = (TFloat64) result.get(i);
                    analytic[i] = new double[(int) g.size()];
                    g.copyTo(DataBuffers.of(analytic[i], false, false));
                }
            }
            int checked = 0;
            for (int p = 0; p < names.size(); p++) {
                double[] values = params.values.get(names.get(p));
                // Every element of small tensors, a sample of larger ones.
                for (int i = 0; i < values.length; i += Math.max(1, values.length / 7)) {
                    double saved = values[i];
                    values[i] = saved + EPS;
                    double up = loss(session, params, out, input, batch, spec);
                    values[i] = saved - EPS;
                    double down = loss(session, params, out, input, batch, spec);
                    values[i] = saved;
                    double numeric = (up - down) / (2 * EPS);
                    double a = analytic[p][i];
                    double allowed = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * (Math.abs(a) + Math.abs(numeric));
                    assertTrue(Math.abs(a - numeric) <= allowed, names.get(p) + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
                    checked++;
                }
            }
            assertTrue(checked > 20, "checked " + checked + " gradient elements");
        }
    }

    /** Gaussian raw inputs; for BCE, uniform in [0, 2], i.e. [0, 1] after the spec's scaling by 2. */
    private static double[] inputs(ModelSpec spec, int batch) {
        double[] input = new double[batch * spec.window() * spec.features()];
        Random r = new Random(11);
        for (int i = 0; i < input.length; i++) {
            input[i] = spec.loss() == Loss.BCE ? r.nextDouble() * 2 : r.nextGaussian() * 2;
        }
        return input;
    }

    private static double loss(Session session, PlaceholderParameters params, AutoencoderOutputs<TFloat64> out,
                               double[] input, int batch, ModelSpec spec) {
        try (Result result = run(session, params, out.input(), input, batch, spec, out.loss().asOutput())) {
            return ((TFloat64) result.get(0)).getDouble();
        }
    }

    private static Result run(Session session, PlaceholderParameters params, Operand<TFloat64> inputOp, double[] input,
                              int batch, ModelSpec spec, Output<?>... fetches) {
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            TFloat64 x = TFloat64.tensorOf(Shape.of(batch, spec.window(), spec.features()), DataBuffers.of(input, true, false));
            fed.add(x);
            runner.feed(inputOp, x);
            for (var e : params.placeholders.entrySet()) {
                TFloat64 t = TFloat64.tensorOf(params.shapes.get(e.getKey()), DataBuffers.of(params.values.get(e.getKey()), true, false));
                fed.add(t);
                runner.feed(e.getValue(), t);
            }
            for (Output<?> f : fetches) {
                runner.fetch(f);
            }
            return runner.run();
        } finally {
            fed.forEach(Tensor::close);
        }
    }
}
