package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * A sequence padded to T and fed with its length behaves as the same sequence unpadded, in a graph of
 * exactly its length with the same weights: same loss, errors, latent and real-step reconstruction, the
 * same gradient for every parameter, and a gradient of exactly zero for every padded input value, even
 * when the padding holds NaN and huge numbers. Checked in float64 for every decoder variant and both losses.
 */
class PaddedSequenceTest {
    private static final int T = 7;
    private static final int F = 2;
    private static final double TOLERANCE = 1e-12;

    static List<ModelSpec> specs() {
        Normalization norm = new Normalization(Normalization.Method.ZSCORE, new float[] {0.5f, -1f}, new float[] {2f, 0.5f});
        Normalization unit = Normalization.fixedScale(F, 2.0);
        return List.of(
                spec(new int[] {4}, new int[] {4}, 0, ModelSpec.Variant.REPEAT, false, ModelSpec.OutputActivation.LINEAR, norm, Loss.MSE),
                spec(new int[] {4, 3}, new int[] {3, 4}, 2, ModelSpec.Variant.REPEAT, true, ModelSpec.OutputActivation.SIGMOID, norm,
                        Loss.MSE),
                spec(new int[] {3}, new int[] {3, 4}, 0, ModelSpec.Variant.SEQ2SEQ, false, ModelSpec.OutputActivation.LINEAR, norm,
                        Loss.MSE),
                spec(new int[] {4, 2}, new int[] {4}, 0, ModelSpec.Variant.REPEAT, true, ModelSpec.OutputActivation.SIGMOID, unit,
                        Loss.BCE));
    }

    private static ModelSpec spec(int[] enc, int[] dec, int latent, ModelSpec.Variant variant, boolean reverse,
                                  ModelSpec.OutputActivation output, Normalization norm, Loss loss) {
        return new ModelSpec(T, F, enc, dec, latent, variant, reverse, output, norm, loss);
    }

    /** The same spec for windows of {@code steps}: weights do not depend on the window length. */
    private static ModelSpec withWindow(ModelSpec s, int steps) {
        return new ModelSpec(steps, s.features(), s.encoderHidden(), s.decoderHidden(), s.latent(), s.variant(), s.reverse(),
                s.output(), s.normalization(), s.loss());
    }

    /** What one graph run gives for one window: outputs and gradients. */
    record Run(double loss, double windowError, double[] featureError, double[] stepError, double[] latent,
               double[] reconstruction, double[] inputGradient, Map<String, double[]> parameterGradients) {
    }

    @ParameterizedTest
    @MethodSource("specs")
    void aPaddedSequenceScoresAndLearnsExactlyAsTheUnpaddedOne(ModelSpec spec) {
        Random r = new Random(3);
        for (int length : new int[] {2, T - 1}) {
            double[] real = new double[length * F];
            for (int i = 0; i < real.length; i++) {
                real[i] = spec.loss() == Loss.BCE ? r.nextDouble() * 2 : r.nextGaussian() * 2;
            }
            double[] padded = new double[T * F];
            System.arraycopy(real, 0, padded, 0, real.length);
            for (int i = real.length; i < padded.length; i++) {
                padded[i] = i % 3 == 0 ? Double.NaN : i % 3 == 1 ? 1e300 : -7;
            }
            Run unpadded = run(withWindow(spec, length), real, null);
            Run masked = run(spec, padded, length);

            assertEquals(unpadded.loss(), masked.loss(), TOLERANCE, "loss, length " + length);
            assertEquals(unpadded.windowError(), masked.windowError(), TOLERANCE);
            assertArrayEquals(unpadded.featureError(), masked.featureError(), TOLERANCE);
            assertArrayEquals(unpadded.latent(), masked.latent(), TOLERANCE);
            assertArrayEquals(unpadded.stepError(), java.util.Arrays.copyOf(masked.stepError(), length), TOLERANCE);
            assertArrayEquals(unpadded.reconstruction(), java.util.Arrays.copyOf(masked.reconstruction(), length * F), TOLERANCE);
            assertArrayEquals(unpadded.inputGradient(), java.util.Arrays.copyOf(masked.inputGradient(), length * F), TOLERANCE);
            for (int i = length * F; i < T * F; i++) {
                assertEquals(0.0, masked.inputGradient()[i], "gradient of padded value " + i + " (length " + length + ")");
                assertEquals(0.0, masked.reconstruction()[i], "padding is reconstructed as zero");
            }
            for (int t = length; t < T; t++) {
                assertEquals(0.0, masked.stepError()[t], "padded step " + t + " has no error");
            }
            for (String name : unpadded.parameterGradients().keySet()) {
                double[] expected = unpadded.parameterGradients().get(name);
                double[] actual = masked.parameterGradients().get(name);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])),
                            name + "[" + i + "], length " + length);
                }
                assertTrue(java.util.Arrays.stream(actual).allMatch(Double::isFinite), name + " has a non-finite gradient");
            }
        }
    }

    /** Runs one window through {@code spec}'s graph (weights from a fixed seed), feeding {@code length} unless null. */
    private static Run run(ModelSpec spec, double[] window, Integer length) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            VariableParameters params = VariableParameters.initialised(17);
            AutoencoderOutputs<TFloat64> out = LstmAutoencoder.build(tf, spec, params, TFloat64.class);
            List<String> names = new ArrayList<>(params.variables().keySet());
            List<Output<?>> wrt = new ArrayList<>();
            wrt.add(out.input().asOutput());
            for (String n : names) {
                Variable<?> v = params.variables().get(n);
                wrt.add(v.asOutput());
            }
            Output<?>[] grads = g.addGradients(out.loss().asOutput(), wrt.toArray(Output[]::new));
            s.initialize();
            try (TFloat64 x = TFloat64.tensorOf(Shape.of(1, spec.window(), F), DataBuffers.of(window, true, false));
                 TInt32 n = TInt32.vectorOf(length == null ? spec.window() : length)) {
                Session.Runner runner = s.runner().feed(out.input(), x);
                if (length != null) {
                    runner.feed(out.lengths(), n);
                }
                runner.fetch(out.loss()).fetch(out.windowError()).fetch(out.featureError()).fetch(out.stepError())
                        .fetch(out.latent()).fetch(out.reconstruction());
                for (Output<?> grad : grads) {
                    runner.fetch(grad);
                }
                try (Result res = runner.run()) {
                    Map<String, double[]> parameterGradients = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        parameterGradients.put(names.get(i), values(res, 7 + i));
                    }
                    return new Run(values(res, 0)[0], values(res, 1)[0], values(res, 2), values(res, 3), values(res, 4),
                            values(res, 5), values(res, 6), parameterGradients);
                }
            }
        }
    }

    private static double[] values(Result res, int index) {
        TFloat64 t = (TFloat64) res.get(index);
        double[] out = new double[(int) t.size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }
}
