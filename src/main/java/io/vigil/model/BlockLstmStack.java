package io.vigil.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The recurrent part built from {@link BlockLstmLayer}s: one fused op per layer, the whole stack
 * time-major. The windows are transposed to {@code [T, B, F]} once on the way in and the output layer's
 * result ({@code F} wide, not {@code H}) once on the way out. The repeat decoder reads the latent tiled
 * over the T steps; the seq2seq decoder's first layer reads an empty input from the encoder's final state.
 */
final class BlockLstmStack implements LstmStack<TFloat32> {
    private static final int[] TIME_MAJOR = {1, 0, 2};

    private final Ops tf;
    private final int steps;
    private final Operand<TFloat32> latent;
    /** The decoder's last layer, {@code [T, B, H]}. */
    private final Operand<TFloat32> decoded;
    private final int outputSize;

    BlockLstmStack(Ops tf, ModelSpec spec, Parameters params, Operand<TFloat32> normalised) {
        this.tf = tf;
        this.steps = spec.window();
        Operand<TInt32> batch = tf.slice(tf.shape(normalised), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TFloat32> sequence = tf.linalg.transpose(normalised, tf.constant(TIME_MAJOR));
        int inputSize = spec.features();
        BlockLstmLayer.State[] state = new BlockLstmLayer.State[1];
        int[] enc = spec.encoderHidden();
        for (int l = 0; l < enc.length; l++) {
            BlockLstmLayer layer = new BlockLstmLayer(tf, "encoder_" + l, inputSize, enc[l], params);
            sequence = layer.run(sequence, steps, batch, null, state);
            inputSize = enc[l];
        }
        BlockLstmLayer.State encoderState = state[0];
        this.latent = LstmAutoencoder.projectLatent(tf, spec, params, TFloat32.class, encoderState.h(), inputSize);
        inputSize = spec.latentSize();

        int[] dec = spec.decoderHidden();
        for (int l = 0; l < dec.length; l++) {
            boolean fromState = l == 0 && spec.variant() == ModelSpec.Variant.SEQ2SEQ;
            BlockLstmLayer layer = new BlockLstmLayer(tf, "decoder_" + l, fromState ? 0 : inputSize, dec[l], params);
            if (fromState) {
                sequence = layer.run(layer.noInput(steps, batch), steps, batch, encoderState, null);
            } else {
                Operand<TFloat32> x = l == 0 ? tf.tile(tf.expandDims(latent, tf.constant(0)), tf.constant(new int[] {steps, 1, 1}))
                        : sequence;
                sequence = layer.run(x, steps, batch, null, null);
            }
            inputSize = dec[l];
        }
        this.decoded = sequence;
        this.outputSize = inputSize;
    }

    @Override
    public Operand<TFloat32> latent() {
        return latent;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /** One MatMul over the time-major {@code [T·B, H]}, then the narrow result back to batch-major. */
    @Override
    public Operand<TFloat32> timeDistributed(Operand<TFloat32> kernel, Operand<TFloat32> bias, int units) {
        Operand<TFloat32> hidden = tf.reshape(decoded, tf.constant(new long[] {-1, outputSize}));
        Operand<TFloat32> dense = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(hidden, kernel), bias),
                tf.constant(new long[] {steps, -1, units}));
        return tf.linalg.transpose(dense, tf.constant(TIME_MAJOR));
    }
}
