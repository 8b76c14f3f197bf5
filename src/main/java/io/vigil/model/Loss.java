package io.vigil.model;

import java.util.Locale;

/**
 * The reconstruction loss, per element, in normalised units. {@code MSE}: squared difference.
 * {@code BCE}: binary cross-entropy {@code -(y log p + (1 - y) log(1 - p))} for a sigmoid output and
 * inputs normalised to [0, 1], computed from the sigmoid's input (its logits) in a stable form, so it is
 * exact and never {@code log(0)} without clipping (Keras does the same for a sigmoid output).
 */
public enum Loss {
    MSE, BCE;

    /** Fails when this loss does not fit the output activation or normalisation (BCE needs probabilities). */
    public void requireCompatible(ModelSpec.OutputActivation output, Normalization.Method normalization) {
        if (this != BCE) {
            return;
        }
        if (output != ModelSpec.OutputActivation.SIGMOID) {
            throw new IllegalArgumentException("--loss bce compares probabilities: it needs --output sigmoid");
        }
        if (normalization == Normalization.Method.ZSCORE) {
            throw new IllegalArgumentException("--loss bce needs inputs normalised to [0, 1]: use --normalization scale "
                    + "(with --scale, e.g. 255 for pixels) or minmax, not zscore");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Loss parse(String text) {
        return WireNames.parse(Loss.class, text, "loss");
    }
}
