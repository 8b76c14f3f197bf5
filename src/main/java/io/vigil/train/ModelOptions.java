package io.vigil.train;

import io.vigil.model.Loss;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import java.nio.file.Path;

/**
 * The options of a training run that do not depend on the kind of data: the architecture, the output,
 * normalisation and loss, the training settings, calibration and where the model goes. Shared by
 * time-series ({@link TrainingRequest}) and sequence ({@link SequenceTrainingRequest}) training.
 * {@code decoderHidden} null means the encoder's sizes in reverse, {@code name} null the output
 * directory's name.
 */
public record ModelOptions(
        int[] encoderHidden,
        int[] decoderHidden,
        int latent,
        ModelSpec.Variant variant,
        boolean reverse,
        ModelSpec.OutputActivation output,
        Normalization.Method normalization,
        double scale,
        Loss loss,
        Trainer.Settings settings,
        double thresholdQuantile,
        String name,
        Path out) {

    public ModelOptions {
        if (!(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("--threshold must be a quantile in (0, 1), got " + thresholdQuantile);
        }
        if (normalization == Normalization.Method.SCALE && !(scale > 0)) {
            throw new IllegalArgumentException("--normalization scale needs --scale > 0");
        }
        loss.requireCompatible(output, normalization);
    }

    public String modelName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        Path leaf = out.toAbsolutePath().normalize().getFileName();
        return leaf == null ? "model" : leaf.toString();
    }
}
