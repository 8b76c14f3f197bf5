package io.vigil.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the LSTM layers are built; both compute the same function of the same weights.
 * {@code UNROLLED}: per step a recurrent MatMul, Split and the elementwise gates (TensorFlow can
 * differentiate it, so training uses it). {@code BLOCK}: one fused {@code BlockLSTMV2} op per layer over
 * the whole window (except the repeat decoder's first layer, see {@link BlockLstmStack}), an order of
 * magnitude fewer ops, float32 only; serving uses it for every model it can express.
 * {@code model.json} records the served graph's cell as {@link #wireName()}.
 */
public enum Cell {
    UNROLLED("lstm-unrolled"),
    BLOCK("lstm-block");

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

    /** The fastest cell that builds {@code spec}'s serving graph: the fused block for every variant the model has. */
    public static Cell forServing(ModelSpec spec) {
        return BLOCK;
    }
}
