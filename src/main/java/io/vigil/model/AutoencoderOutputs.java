package io.vigil.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The tensors an autoencoder graph produces for a batch of windows {@code [B, T, F]} with their
 * {@code lengths [B]} (valid steps; a window holds T unless it is a padded sequence): the
 * reconstruction in raw units, the loss per window and per feature and per step (normalised units,
 * padding excluded), the latent vector, and the scalar training loss (mean window error over the batch).
 */
public record AutoencoderOutputs<T extends TNumber>(
        Operand<T> input,
        Operand<TInt32> lengths,
        Operand<T> reconstruction,
        Operand<T> windowError,
        Operand<T> featureError,
        Operand<T> stepError,
        Operand<T> latent,
        Operand<T> loss) {
}
