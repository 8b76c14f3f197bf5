package io.vigil.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Builds the LSTM autoencoder as a pure function of {@link Ops}: raw windows in, normalisation inside
 * the graph, a stack of encoder LSTMs whose last hidden state is the latent vector (optionally
 * projected), a decoder stack fed by the repeated latent (or started from the encoder's state), and a
 * time-distributed dense output, and the per-element loss (squared error or binary cross-entropy),
 * averaged over each window's real steps only when sequences are padded ({@link StepMask}).
 * No session, no I/O: training, export and tests all call this.
 */
public final class LstmAutoencoder {
    private LstmAutoencoder() {
    }

    /**
     * Builds the graph with fresh placeholders: {@code windows [?, T, F]} and {@code lengths [?]}, the
     * number of real steps of each window. Left unfed, {@code lengths} is T for every window, so callers
     * of fixed windows need not feed it.
     */
    public static <T extends TNumber> AutoencoderOutputs<T> build(Ops tf, ModelSpec spec, Parameters params, Class<T> type) {
        Operand<T> input = tf.withName(ModelSignature.INPUT_WINDOWS)
                .placeholder(type, Placeholder.shape(Shape.of(-1, spec.window(), spec.features())));
        Operand<TInt32> batch = tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> lengths = tf.withName(ModelSignature.INPUT_LENGTHS)
                .placeholderWithDefault(tf.fill(batch, tf.constant(spec.window())), Shape.of(-1));
        return build(tf, spec, params, type, input, lengths);
    }

    /**
     * Builds the graph over the given inputs. Window {@code b} holds its values in steps
     * {@code 0..lengths[b]-1}; later steps are padding: the encoder keeps its state across them (its latent
     * is the state after the last real step), the decoder still runs all T steps (it is causal, so padding
     * never changes a real step's output), and padding counts in no error or loss and gets no gradient.
     */
    public static <T extends TNumber> AutoencoderOutputs<T> build(Ops tf, ModelSpec spec, Parameters params, Class<T> type,
                                                                  Operand<T> input, Operand<TInt32> lengths) {
        int steps = spec.window();
        int features = spec.features();
        StepMask<T> mask = new StepMask<>(tf, lengths, steps, type);
        Operand<T> center = constant(tf, spec.normalization().center(), type);
        Operand<T> scale = constant(tf, spec.normalization().scale(), type);
        Operand<T> normalised = mask.zeroPadding(tf.math.div(tf.math.sub(input, center), scale));

        // Encoder: stacked layers, each feeding its per-step outputs to the next.
        List<Operand<T>> gateInputs = null;
        Operand<T> sequence = normalised;
        int inputSize = features;
        List<Operand<T>> stepOutputs = null;
        @SuppressWarnings("unchecked")
        LstmLayer.State<T>[] state = new LstmLayer.State[1];
        int[] enc = spec.encoderHidden();
        for (int l = 0; l < enc.length; l++) {
            LstmLayer<T> layer = new LstmLayer<>(tf, "encoder_" + l, inputSize, enc[l], params, type);
            gateInputs = l == 0 ? layer.projectSequence(sequence, steps, inputSize) : layer.projectSteps(stepOutputs, inputSize);
            stepOutputs = layer.run(gateInputs, steps, null, state, mask);
            inputSize = enc[l];
        }
        LstmLayer.State<T> encoderState = state[0];
        Operand<T> latent = encoderState.h();
        if (spec.latent() > 0) {
            Ops s = tf.withSubScope("latent");
            Operand<T> k = params.get(s, "latent/kernel", Shape.of(inputSize, spec.latent()), Init.GLOROT_UNIFORM, type);
            Operand<T> b = params.get(s, "latent/bias", Shape.of(spec.latent()), Init.ZEROS, type);
            latent = tf.nn.biasAdd(tf.linalg.matMul(latent, k), b);
            inputSize = spec.latent();
        }

        // Decoder: the first layer sees the latent at every step (or starts from the encoder's state).
        int[] dec = spec.decoderHidden();
        for (int l = 0; l < dec.length; l++) {
            boolean fromState = l == 0 && spec.variant() == ModelSpec.Variant.SEQ2SEQ;
            LstmLayer<T> layer = new LstmLayer<>(tf, "decoder_" + l, fromState ? 0 : inputSize, dec[l], params, type);
            if (fromState) {
                stepOutputs = layer.run(null, steps, encoderState, null, null);
            } else {
                gateInputs = l == 0 ? layer.projectRepeated(latent, steps) : layer.projectSteps(stepOutputs, inputSize);
                stepOutputs = layer.run(gateInputs, steps, null, null, null);
            }
            inputSize = dec[l];
        }

        // Time-distributed dense output, as one MatMul over [B*T, H].
        Ops out = tf.withSubScope("output");
        Operand<T> k = params.get(out, "output/kernel", Shape.of(inputSize, features), Init.GLOROT_UNIFORM, type);
        Operand<T> b = params.get(out, "output/bias", Shape.of(features), Init.ZEROS, type);
        Operand<T> hidden = tf.reshape(tf.stack(stepOutputs, org.tensorflow.op.core.Stack.axis(1L)),
                tf.constant(new long[] {-1, inputSize}));
        Operand<T> dense = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(hidden, k), b), tf.constant(new long[] {-1, steps, features}));
        Operand<T> predicted = spec.output() == ModelSpec.OutputActivation.SIGMOID ? tf.math.sigmoid(dense) : dense;

        // With --reverse the decoder emits each window's real steps back to front (its target is the
        // reversed input); flipping the prediction instead of the target gives the same loss and outputs in
        // input order. Padding stays where it is, after the real steps.
        Operand<T> reconstructedNormalised = spec.reverse() ? mask.reverseRealSteps(predicted) : predicted;
        // BCE goes through the logits (the sigmoid's input), as Keras does for a sigmoid output: exact and
        // with a gradient everywhere, where clipping probabilities stopped learning on saturated pixels.
        Operand<T> elementLoss = mask.zeroPadding(spec.loss() == Loss.BCE
                ? binaryCrossEntropyFromLogits(tf, spec.reverse() ? mask.reverseRealSteps(dense) : dense, normalised, type)
                : tf.math.squaredDifference(reconstructedNormalised, normalised));
        Operand<T> stepError = tf.math.mean(elementLoss, tf.constant(2));
        Operand<T> featureError = mask.meanOverSteps(elementLoss);
        Operand<T> windowError = mask.meanOverStepsAndFeatures(elementLoss, features);
        Operand<T> loss = tf.math.mean(windowError, tf.constant(0));
        Operand<T> reconstruction = mask.zeroPadding(tf.math.add(tf.math.mul(reconstructedNormalised, scale), center));
        return new AutoencoderOutputs<>(input, lengths, reconstruction, windowError, featureError, stepError, latent, loss);
    }

    /**
     * Element-wise binary cross-entropy of {@code sigmoid(x)} against {@code y}, in the stable form
     * {@code max(x, 0) - x y + log(1 + exp(-|x|))}: the same value as {@code -(y log p + (1 - y) log(1 - p))}
     * without overflow or clipping, for any logit.
     */
    static <T extends TNumber> Operand<T> binaryCrossEntropyFromLogits(Ops tf, Operand<T> logits, Operand<T> target, Class<T> type) {
        Operand<T> zero = tf.dtypes.cast(tf.constant(0.0), type);
        Operand<T> relu = tf.math.maximum(logits, zero);
        Operand<T> softplusNegAbs = tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits))));
        return tf.math.add(tf.math.sub(relu, tf.math.mul(logits, target)), softplusNegAbs);
    }

    private static <T extends TNumber> Operand<T> constant(Ops tf, float[] values, Class<T> type) {
        return tf.dtypes.cast(tf.constant(Shape.of(values.length), DataBuffers.of(values, true, false)), type);
    }

    /** Names of the parameters the graph asks for, in order, with their shapes (for export and checks). */
    public static List<String> parameterNames(ModelSpec spec) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < spec.encoderHidden().length; l++) {
            addLstm(names, "encoder_" + l, true);
        }
        if (spec.latent() > 0) {
            names.add("latent/kernel");
            names.add("latent/bias");
        }
        for (int l = 0; l < spec.decoderHidden().length; l++) {
            addLstm(names, "decoder_" + l, !(l == 0 && spec.variant() == ModelSpec.Variant.SEQ2SEQ));
        }
        names.add("output/kernel");
        names.add("output/bias");
        return names;
    }

    private static void addLstm(List<String> names, String scope, boolean hasInput) {
        if (hasInput) {
            names.add(scope + "/kernel");
        }
        names.add(scope + "/recurrent_kernel");
        names.add(scope + "/bias");
    }
}
