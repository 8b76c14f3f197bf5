package io.vigil.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TNumber;

/**
 * One LSTM layer unrolled over the window: a single input projection for all steps, then per step one
 * recurrent MatMul, a Split into Keras' gate order (input, forget, cell, output) and the elementwise
 * update. Unrolled because TensorFlow has no gradient for its fused LSTM ops or for while loops.
 */
final class LstmLayer<T extends TNumber> {
    /** The layer's state after its last step. */
    record State<T extends TNumber>(Operand<T> h, Operand<T> c) {
    }

    private final Ops tf;
    private final int hidden;
    private final Operand<T> kernel;
    private final Operand<T> recurrent;
    private final Operand<T> bias;

    LstmLayer(Ops tf, String scope, int inputSize, int hidden, Parameters params, Class<T> type) {
        this.tf = tf;
        this.hidden = hidden;
        Ops s = tf.withSubScope(scope);
        // A layer without input (the seq2seq decoder's first) has no input kernel at all.
        this.kernel = inputSize == 0 ? null
                : params.get(s, scope + "/kernel", Shape.of(inputSize, 4L * hidden), Init.GLOROT_UNIFORM, type);
        this.recurrent = params.get(s, scope + "/recurrent_kernel", Shape.of(hidden, 4L * hidden), Init.ORTHOGONAL, type);
        this.bias = params.get(s, scope + "/bias", Shape.of(4L * hidden), Init.LSTM_BIAS, type);
    }

    /** Input projection of a whole sequence {@code [B, T, in]} into per-step {@code [B, 4H]} gate inputs. */
    List<Operand<T>> projectSequence(Operand<T> sequence, int steps, int inputSize) {
        Operand<T> flat = tf.reshape(sequence, tf.constant(new long[] {-1, inputSize}));
        Operand<T> projected = tf.nn.biasAdd(tf.linalg.matMul(flat, kernel), bias);
        Operand<T> back = tf.reshape(projected, tf.constant(new long[] {-1, steps, 4L * hidden}));
        return unstackSteps(back, steps);
    }

    /** Input projection of steps given one by one, each {@code [B, in]}, done as one MatMul. */
    List<Operand<T>> projectSteps(List<Operand<T>> steps, int inputSize) {
        Operand<T> sequence = tf.stack(steps, org.tensorflow.op.core.Stack.axis(1L));
        return projectSequence(sequence, steps.size(), inputSize);
    }

    /** The same input {@code [B, in]} at every step (RepeatVector): project once, reuse. */
    List<Operand<T>> projectRepeated(Operand<T> input, int steps) {
        Operand<T> projected = tf.nn.biasAdd(tf.linalg.matMul(input, kernel), bias);
        List<Operand<T>> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            out.add(projected);
        }
        return out;
    }

    /**
     * Runs the recurrence. {@code gateInputs.get(t)} is the projected input at step t, or null for a
     * layer without input (the bias alone). {@code initial} is null to start from zeros. With a
     * {@code mask}, a window keeps its state through its padded steps, so its final state is the one after
     * its last real step (step 0 is always real: lengths are at least 1).
     */
    List<Operand<T>> run(List<Operand<T>> gateInputs, int steps, State<T> initial, State<T>[] finalState, StepMask<T> mask) {
        List<Operand<T>> outputs = new ArrayList<>(steps);
        Operand<T> h = initial == null ? null : initial.h();
        Operand<T> c = initial == null ? null : initial.c();
        for (int t = 0; t < steps; t++) {
            Operand<T> x = gateInputs == null ? bias : gateInputs.get(t);
            // Zero state makes the recurrent term vanish: skip it instead of materialising zeros of batch size.
            Operand<T> z = h == null ? x : tf.math.add(x, tf.linalg.matMul(h, recurrent));
            Split<T> gates = tf.split(tf.constant(1), z, 4L);
            Operand<T> i = tf.math.sigmoid(gates.output().get(0));
            Operand<T> f = tf.math.sigmoid(gates.output().get(1));
            Operand<T> g = tf.math.tanh(gates.output().get(2));
            Operand<T> o = tf.math.sigmoid(gates.output().get(3));
            Operand<T> ig = tf.math.mul(i, g);
            Operand<T> cNext = c == null ? ig : tf.math.add(tf.math.mul(f, c), ig);
            Operand<T> hNext = tf.math.mul(o, tf.math.tanh(cNext));
            if (mask != null && t > 0) {
                Operand<TBool> real = mask.step(t);
                cNext = tf.select(real, cNext, c);
                hNext = tf.select(real, hNext, h);
            }
            c = cNext;
            h = hNext;
            outputs.add(h);
        }
        if (finalState != null) {
            finalState[0] = new State<>(h, c);
        }
        return outputs;
    }

    private List<Operand<T>> unstackSteps(Operand<T> sequence, int steps) {
        List<Operand<T>> out = new ArrayList<>(steps);
        out.addAll(tf.unstack(sequence, (long) steps, org.tensorflow.op.core.Unstack.axis(1L)).output());
        return out;
    }
}
