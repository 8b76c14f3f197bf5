package io.vigil.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One LSTM layer as a single fused {@code BlockLSTMV2} op over the whole window, time-major
 * ({@code [T, B, in]} in, {@code [T, B, H]} out). It asks for the same parameters, by the same names and
 * shapes, as the unrolled {@link LstmLayer} and computes the same function: {@code BlockLSTMV2} concatenates
 * {@code [x, h]} against {@code W = [kernel; recurrent_kernel]} and lays its gates out as Keras does
 * (input, forget, cell, output; {@code BlockLstmEquivalenceTest} pins this), with no forget-gate offset, no
 * cell clipping and no peepholes (their weights are zeros, unused). Float32 only: TensorFlow has no
 * double kernel for it.
 */
final class BlockLstmLayer {
    /** The layer's state after its last step, each {@code [B, H]}. */
    record State(Operand<TFloat32> h, Operand<TFloat32> c) {
    }

    private final Ops tf;
    private final int hidden;
    private final int inputSize;
    private final Operand<TFloat32> weights;
    private final Operand<TFloat32> bias;

    BlockLstmLayer(Ops tf, String scope, int inputSize, int hidden, Parameters params) {
        this.tf = tf.withSubScope(scope);
        this.hidden = hidden;
        this.inputSize = inputSize;
        Ops s = this.tf;
        // Requested in LstmLayer's order, so both cells read the same trained weights.
        Operand<TFloat32> kernel = inputSize == 0 ? null
                : params.get(s, scope + "/kernel", Shape.of(inputSize, 4L * hidden), Init.GLOROT_UNIFORM, TFloat32.class);
        Operand<TFloat32> recurrent = params.get(s, scope + "/recurrent_kernel", Shape.of(hidden, 4L * hidden), Init.ORTHOGONAL,
                TFloat32.class);
        this.bias = params.get(s, scope + "/bias", Shape.of(4L * hidden), Init.LSTM_BIAS, TFloat32.class);
        this.weights = kernel == null ? recurrent : s.concat(List.of(kernel, recurrent), s.constant(0));
    }

    /**
     * Runs the layer over {@code x [T, B, in]} ({@code in} may be 0 for a layer without input) from
     * {@code initial}, or from a zero state for a batch of {@code batch [1]} windows when it is null;
     * returns every step's {@code h} as {@code [T, B, H]}. If {@code finalState} is given, its element 0
     * receives each window's state at its step {@code lastSteps[b]}.
     */
    Operand<TFloat32> run(Operand<TFloat32> x, int steps, Operand<TInt32> batch, State initial, State[] finalState,
                          Operand<TInt32> lastSteps) {
        Operand<TFloat32> h0;
        Operand<TFloat32> c0;
        if (initial == null) {
            Operand<TInt32> stateShape = tf.concat(List.of(batch, tf.constant(new int[] {hidden})), tf.constant(0));
            h0 = tf.fill(stateShape, tf.constant(0f));
            c0 = h0;
        } else {
            h0 = initial.h();
            c0 = initial.c();
        }
        Operand<TFloat32> noPeephole = tf.zeros(tf.constant(new int[] {hidden}), TFloat32.class);
        BlockLSTM<TFloat32> lstm = tf.nn.blockLSTM(tf.constant((long) steps), x, c0, h0, weights, noPeephole, noPeephole,
                noPeephole, bias, BlockLSTM.usePeephole(false), BlockLSTM.cellClip(0f));
        if (finalState != null) {
            // Row lastSteps[b] * B + b of the [T·B, H] steps: window b's state after its last real step.
            Operand<TInt32> windows = tf.range(tf.constant(0), tf.reshape(batch, tf.constant(new int[0])), tf.constant(1));
            Operand<TInt32> rows = tf.math.add(tf.math.mul(lastSteps, batch), windows);
            Operand<TInt32> flat = tf.constant(new int[] {-1, hidden});
            finalState[0] = new State(tf.gather(tf.reshape(lstm.h(), flat), rows, tf.constant(0)),
                    tf.gather(tf.reshape(lstm.cs(), flat), rows, tf.constant(0)));
        }
        return lstm.h();
    }

    /** {@code [T, B, 0]}: the input of a layer that reads none (the seq2seq decoder's first). */
    Operand<TFloat32> noInput(int steps, Operand<TInt32> batch) {
        if (inputSize != 0) {
            throw new IllegalStateException("this layer reads an input of " + inputSize);
        }
        Operand<TInt32> shape = tf.concat(List.of(tf.constant(new int[] {steps}), batch, tf.constant(new int[] {0})),
                tf.constant(0));
        return tf.fill(shape, tf.constant(0f));
    }
}
