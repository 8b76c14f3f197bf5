package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** The BCE loss gives hand-computed values, stays exact for saturated logits, and is what a BCE model reports as its error. */
class BinaryCrossEntropyTest {
    /** BCE of the probabilities {@code predicted}, fed as their logits. */
    private static double[] bce(double[] predicted, double[] target) {
        double[] logits = new double[predicted.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.log(predicted[i] / (1 - predicted[i]));
        }
        return bceOfLogits(logits, target);
    }

    private static double[] bceOfLogits(double[] logits, double[] target) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var loss = LstmAutoencoder.binaryCrossEntropyFromLogits(tf, tf.constant(logits), tf.constant(target), TFloat64.class);
            try (Result r = s.runner().fetch(loss).run()) {
                double[] out = new double[logits.length];
                ((TFloat64) r.get(0)).copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        }
    }

    @Test
    void matchesHandComputedValues() {
        // -(0.3 ln 0.8 + 0.7 ln 0.2) = 1.1935496...; -(1 ln 0.5) = ln 2; -(0 + 1 ln(1 - 0.1)) = 0.1053605...
        double[] got = bce(new double[] {0.8, 0.5, 0.1}, new double[] {0.3, 1.0, 0.0});
        assertEquals(-(0.3 * Math.log(0.8) + 0.7 * Math.log(0.2)), got[0], 1e-12);
        assertEquals(1.1935496040981333, got[0], 1e-12);
        assertEquals(Math.log(2), got[1], 1e-12);
        assertEquals(0.10536051565782628, got[2], 1e-12);
    }

    @Test
    void saturatedLogitsStayExactAndFinite() {
        // sigmoid(-40) ~ 4e-18 against 1: -log(p) = 40 + log(1 + e^-40); sigmoid(800) against 0 costs 800.
        double[] got = bceOfLogits(new double[] {-40, 800, 800}, new double[] {1.0, 0.0, 1.0});
        assertEquals(40 + Math.log1p(Math.exp(-40)), got[0], 1e-12);
        assertEquals(800, got[1], 1e-9);
        assertTrue(got[2] >= 0 && got[2] < 1e-300, "a perfect prediction costs ~0, got " + got[2]);
    }

    @Test
    void windowErrorOfABceModelIsTheMeanBceOfItsReconstruction() {
        int t = 4;
        int f = 3;
        int batch = 2;
        ModelSpec spec = new ModelSpec(t, f, new int[] {5}, new int[] {5}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.SIGMOID, Normalization.fixedScale(f, 255), Loss.BCE);
        float[] x = new float[batch * t * f];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(256);
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            AutoencoderOutputs<TFloat32> out = LstmAutoencoder.build(tf, spec, VariableParameters.initialised(1), TFloat32.class);
            s.initialize();
            try (TFloat32 in = TFloat32.tensorOf(Shape.of(batch, t, f), DataBuffers.of(x, true, false));
                 Result res = s.runner().feed(out.input(), in).fetch(out.reconstruction()).fetch(out.windowError()).run()) {
                float[] recon = new float[x.length];
                float[] errors = new float[batch];
                ((TFloat32) res.get(0)).copyTo(DataBuffers.of(recon, false, false));
                ((TFloat32) res.get(1)).copyTo(DataBuffers.of(errors, false, false));
                for (int b = 0; b < batch; b++) {
                    double sum = 0;
                    for (int i = b * t * f; i < (b + 1) * t * f; i++) {
                        double p = recon[i] / 255.0;
                        double y = x[i] / 255.0;
                        sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
                    }
                    assertEquals(sum / (t * f), errors[b], 1e-4);
                }
            }
        }
    }

    @Test
    void bceNeedsASigmoidOutputAndInputsInTheUnitInterval() {
        Normalization scale = Normalization.fixedScale(1, 255);
        var linear = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(4, 1, new int[] {2}, new int[] {2}, 0,
                ModelSpec.Variant.REPEAT, false, ModelSpec.OutputActivation.LINEAR, scale, Loss.BCE));
        assertTrue(linear.getMessage().contains("--output sigmoid"), linear.getMessage());
        Normalization z = Normalization.zscore(new double[] {0}, new double[] {1});
        var zscore = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(4, 1, new int[] {2}, new int[] {2}, 0,
                ModelSpec.Variant.REPEAT, false, ModelSpec.OutputActivation.SIGMOID, z, Loss.BCE));
        assertTrue(zscore.getMessage().contains("zscore"), zscore.getMessage());
    }
}
