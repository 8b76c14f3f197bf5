package io.vigil.model;

import org.tensorflow.Signature;
import org.tensorflow.types.family.TNumber;

/**
 * The serving signature's contract: two inputs and five outputs by name. Scorers resolve tensors
 * through these names only, never through op names inside the graph. SavedModels exported before
 * variable-length sequences have no {@link #INPUT_LENGTHS} input and score full windows only.
 */
public final class ModelSignature {
    public static final String KEY = Signature.DEFAULT_KEY;
    public static final String TAG = "serve";
    /** Raw windows {@code [B, T, F]} float32. */
    public static final String INPUT_WINDOWS = "windows";
    /** Real steps per window {@code [B]} int32, the rest being padding; T for full windows. */
    public static final String INPUT_LENGTHS = "lengths";
    /** Reconstruction in raw units {@code [B, T, F]}. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** The model's loss per window {@code [B]}, normalised units. */
    public static final String WINDOW_ERROR = "window_error";
    /** Mean loss per feature over the window {@code [B, F]}. */
    public static final String FEATURE_ERROR = "feature_error";
    /** Mean loss per step over the features {@code [B, T]}. */
    public static final String STEP_ERROR = "step_error";
    /** The latent vector {@code [B, L]}. */
    public static final String LATENT = "latent";

    private ModelSignature() {
    }

    /** The serving signature over a built graph; outputs are wrapped in identity ops so their names are stable. */
    public static <T extends TNumber> Signature of(org.tensorflow.op.Ops tf, AutoencoderOutputs<T> out) {
        return Signature.builder()
                .key(KEY)
                .methodName("tensorflow/serving/predict")
                .input(INPUT_WINDOWS, out.input())
                .input(INPUT_LENGTHS, out.lengths())
                .output(RECONSTRUCTION, tf.withName(RECONSTRUCTION).identity(out.reconstruction()))
                .output(WINDOW_ERROR, tf.withName(WINDOW_ERROR).identity(out.windowError()))
                .output(FEATURE_ERROR, tf.withName(FEATURE_ERROR).identity(out.featureError()))
                .output(STEP_ERROR, tf.withName(STEP_ERROR).identity(out.stepError()))
                .output(LATENT, tf.withName(LATENT).identity(out.latent()))
                .build();
    }
}
