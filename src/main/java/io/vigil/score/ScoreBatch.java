package io.vigil.score;

/**
 * The model's outputs for a batch of {@code count} windows, as flat row-major arrays:
 * reconstruction {@code [count, T, F]} (raw units), window error {@code [count]}, feature error
 * {@code [count, F]}, step error {@code [count, T]} and latent {@code [count, L]}.
 */
public record ScoreBatch(int count, int window, int features, int latentSize, float[] reconstruction,
                         float[] windowError, float[] featureError, float[] stepError, float[] latent) {

    public double windowError(int i) {
        return windowError[i];
    }

    public double[] featureErrors(int i) {
        double[] out = new double[features];
        for (int f = 0; f < features; f++) {
            out[f] = featureError[i * features + f];
        }
        return out;
    }

    /** Mean of observed minus reconstructed per feature over window {@code i} (raw units): the error's direction. */
    public double[] featureResiduals(int i, float[] windows) {
        double[] out = new double[features];
        int base = i * window * features;
        for (int t = 0; t < window; t++) {
            for (int f = 0; f < features; f++) {
                int k = base + t * features + f;
                out[f] += windows[k] - reconstruction[k];
            }
        }
        for (int f = 0; f < features; f++) {
            out[f] /= window;
        }
        return out;
    }

    public float[] latent(int i) {
        float[] out = new float[latentSize];
        System.arraycopy(latent, i * latentSize, out, 0, latentSize);
        return out;
    }
}
