package io.vigil.model;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TNumber;

/**
 * The autoencoder's recurrent part, between the normalised windows and the output layer: the encoder
 * stack, the latent vector (optionally projected) and the decoder stack, built with one {@link Cell}.
 * Parameters are requested in {@link LstmAutoencoder#parameterNames}' order whichever the cell.
 */
interface LstmStack<T extends TNumber> {
    /** The window's summary {@code [B, L]}. */
    Operand<T> latent();

    /** Units of the decoder's last layer: the output layer's input size. */
    int outputSize();

    /** A dense layer ({@code kernel [H, units]}, {@code bias [units]}) over every step's decoder output: {@code [B, T, units]}. */
    Operand<T> timeDistributed(Operand<T> kernel, Operand<T> bias, int units);
}
