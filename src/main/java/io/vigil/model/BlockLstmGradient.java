package io.vigil.model;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;

/**
 * The gradient of {@code BlockLSTMV2}, which TensorFlow's C++ gradient registry lacks, registered from Java:
 * {@code BlockLSTMGradV2} given the forward op's saved activations and the gradients of its {@code cs} and
 * {@code h} outputs (the only ones a graph consumes; an unconsumed one arrives as zeros). Registration is
 * process-wide and happens once, before the first training graph asks for gradients.
 * {@code BlockLstmGradientTest} checks it against the unrolled graph's gradients.
 */
public final class BlockLstmGradient {
    private static boolean registered;

    private BlockLstmGradient() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static synchronized void register() {
        if (registered) {
            return;
        }
        TensorFlow.registerCustomGradient(BlockLSTM.Inputs.class, (tf, in, grads) -> {
            BlockLSTM.Inputs<?> op = (BlockLSTM.Inputs<?>) in;
            BlockLSTM fwd = op.getOutputs();
            Operand cs = grads.get(1) == null ? tf.zerosLike(fwd.cs()) : grads.get(1);
            Operand h = grads.get(6) == null ? tf.zerosLike(fwd.h()) : grads.get(6);
            BlockLSTMGrad g = tf.nn.blockLSTMGrad(op.seqLenMax, (Operand) op.x, (Operand) op.csPrev, (Operand) op.hPrev,
                    (Operand) op.w, (Operand) op.wci, (Operand) op.wcf, (Operand) op.wco, (Operand) op.b, fwd.i(), fwd.cs(), fwd.f(),
                    fwd.o(), fwd.ci(), fwd.co(), fwd.h(), cs, h, op.usePeephole);
            // seq_len_max (an int64 constant) gets zeros: TF Java's adapter takes no null gradient.
            List<Operand<?>> inputGradients = Arrays.asList(tf.zerosLike(op.seqLenMax), g.xGrad(), g.csPrevGrad(), g.hPrevGrad(),
                    g.wGrad(), g.wciGrad(), g.wcfGrad(), g.wcoGrad(), g.bGrad());
            return inputGradients;
        });
        registered = true;
    }
}
