package io.vigil.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReverseSequence;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Which steps of a batch are real and which are padding, from the per-window {@code lengths [B]}:
 * window {@code b} holds its values in steps {@code 0..lengths[b]-1} and padding after them. Lengths
 * are clamped to {@code [1, T]}, so a graph fed nonsense still divides by a real count. Everything is
 * built with {@code Select} rather than multiplying by a 0/1 mask, so padding holding NaN or huge values
 * can neither reach a valid output nor poison a gradient (0 × NaN is NaN).
 */
final class StepMask<T extends TNumber> {
    private final Ops tf;
    private final Operand<TInt32> lengths;
    /** {@code [B, T, 1]}: true where the step is real; broadcasts over features. */
    private final Operand<TBool> valid;
    /** {@code [B]}: valid steps as the model's float type. */
    private final Operand<T> count;
    private final Class<T> type;

    StepMask(Ops tf, Operand<TInt32> lengths, int steps, Class<T> type) {
        this.tf = tf;
        this.type = type;
        this.lengths = tf.math.minimum(tf.math.maximum(lengths, tf.constant(1)), tf.constant(steps));
        Operand<TInt32> positions = tf.range(tf.constant(0), tf.constant(steps), tf.constant(1));
        Operand<TBool> validSteps = tf.math.less(tf.expandDims(positions, tf.constant(0)), tf.expandDims(this.lengths, tf.constant(1)));
        this.valid = tf.expandDims(validSteps, tf.constant(2));
        this.count = tf.dtypes.cast(this.lengths, type);
    }

    /** {@code [B, 1]}: whether step {@code t} is real in each window (for selecting between LSTM states). */
    Operand<TBool> step(int t) {
        return tf.expandDims(tf.math.less(tf.constant(t), lengths), tf.constant(1));
    }

    /** {@code [B]}: each window's last real step, where an encoder's final state is read. */
    Operand<TInt32> lastSteps() {
        return tf.math.sub(lengths, tf.constant(1));
    }

    /** {@code x [B, T, F]} with padded steps set to zero. */
    Operand<T> zeroPadding(Operand<T> x) {
        return tf.select(valid, x, tf.zerosLike(x));
    }

    /** Mean of {@code x [B, T, F]} (zero at padding) over each window's real steps: {@code [B, F]}. */
    Operand<T> meanOverSteps(Operand<T> x) {
        return tf.math.div(tf.reduceSum(x, tf.constant(1)), tf.expandDims(count, tf.constant(1)));
    }

    /**
     * Mean of {@code x [B, T, F]} (zero at padding) over each window's real elements: {@code [B]}. For full
     * windows this is exactly {@code Mean} over steps and features, which also sums and then divides.
     */
    Operand<T> meanOverStepsAndFeatures(Operand<T> x, int features) {
        Operand<T> elements = tf.dtypes.cast(tf.math.mul(lengths, tf.constant(features)), type);
        return tf.math.div(tf.reduceSum(x, tf.constant(new int[] {1, 2})), elements);
    }

    /** {@code x [B, T, ...]} with each window's real steps in reverse order and its padding left in place. */
    Operand<T> reverseRealSteps(Operand<T> x) {
        return tf.reverseSequence(x, lengths, 1L, ReverseSequence.batchDim(0L));
    }
}
