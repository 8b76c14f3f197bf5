package io.vigil.train;

import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code vigil train} was asked to do, already parsed. {@code maxGap} null means automatic,
 * {@code decoderHidden} null means the encoder's sizes in reverse, {@code name} null means the output
 * directory's name.
 */
public record TrainingRequest(
        List<Path> inputs,
        HistoryOptions historyOptions,
        int window,
        int stride,
        Duration maxGap,
        double valFraction,
        int[] encoderHidden,
        int[] decoderHidden,
        int latent,
        ModelSpec.Variant variant,
        boolean reverse,
        ModelSpec.OutputActivation output,
        Normalization.Method normalization,
        double scale,
        Trainer.Settings settings,
        double thresholdQuantile,
        String name,
        Path out) {

    public TrainingRequest {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("--input needs at least one file");
        }
        if (!(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("--threshold must be a quantile in (0, 1), got " + thresholdQuantile);
        }
        if (normalization == Normalization.Method.SCALE && !(scale > 0)) {
            throw new IllegalArgumentException("--normalization scale needs --scale > 0");
        }
        inputs = List.copyOf(inputs);
    }

    public String modelName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        Path leaf = out.toAbsolutePath().normalize().getFileName();
        return leaf == null ? "model" : leaf.toString();
    }
}
