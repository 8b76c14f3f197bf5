package io.vigil.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the LSTM layers are built; every cell computes the same function of the same weights, within float32
 * rounding. {@code UNROLLED}: per step a recurrent MatMul, Split and the elementwise gates, one small op
 * each; TensorFlow differentiates it natively, in float64 too (the gradient check runs it). {@code BLOCK}:
 * one fused {@code BlockLSTMV2} op per layer over the whole window, float32 only, differentiable through
 * {@link BlockLstmGradient}; the trainer's cell. {@code HYBRID}: fused, except the repeat decoder's first
 * layer (see {@link BlockLstmStack}); the serving cell of repeat models. {@code model.json} records the served
 * graph's cell as {@link #wireName()}; models exported before the fused cells say {@code lstm-unrolled}.
 */
public enum Cell {
    UNROLLED("lstm-unrolled"),
    BLOCK("lstm-block"),
    HYBRID("lstm-hybrid");

    private final String wireName;

    Cell(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Cell parse(String text) {
        for (Cell c : values()) {
            if (c.wireName.equals(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown LSTM cell \"" + text + "\", expected one of "
                + Arrays.stream(values()).map(Cell::wireName).collect(Collectors.joining(", ")));
    }

    /**
     * The serving graph's cell: the fastest at the stream's batch sizes. A seq2seq decoder has no repeated
     * input, so its {@code HYBRID} graph would be {@code BLOCK}'s; it is recorded as such.
     */
    public static Cell forServing(ModelSpec spec) {
        return spec.variant() == ModelSpec.Variant.REPEAT ? HYBRID : BLOCK;
    }
}
