package io.vigil.model;

/** How a parameter starts before training: Keras' defaults for an LSTM and a dense layer. */
public enum Init {
    /** Uniform in ±sqrt(6 / (fanIn + fanOut)). */
    GLOROT_UNIFORM,
    /** A (semi-)orthogonal matrix, as Keras' {@code recurrent_initializer}. */
    ORTHOGONAL,
    ZEROS,
    /** Zeros except the forget gate's block, which is 1 (Keras' {@code unit_forget_bias}). */
    LSTM_BIAS
}
