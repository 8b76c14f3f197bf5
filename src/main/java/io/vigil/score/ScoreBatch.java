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

    /**
     * Observed minus reconstructed per feature over window {@code i} (raw units), each step weighted by its
     * own size: the direction of the residuals that make up the squared error. A plain mean misleads when
     * a few new anomalous points pull the reconstruction toward them: the many normal steps then carry
     * the opposite sign.
     */
    public double[] featureResiduals(int i, float[] windows) {
        double[] weighted = new double[features];
        double[] magnitude = new double[features];
        int base = i * window * features;
        for (int t = 0; t < window; t++) {
            for (int f = 0; f < features; f++) {
                int k = base + t * features + f;
                double r = windows[k] - reconstruction[k];
                weighted[f] += r * Math.abs(r);
                magnitude[f] += Math.abs(r);
            }
        }
        for (int f = 0; f < features; f++) {
            weighted[f] = magnitude[f] == 0 ? 0 : weighted[f] / magnitude[f];
        }
        return weighted;
    }

    /** The last step of window {@code i} as fed in {@code windows} (raw units), per feature. */
    public double[] newestObserved(int i, float[] windows) {
        return newestStep(windows, i);
    }

    /** The model's reconstruction of the last step of window {@code i} (raw units), per feature. */
    public double[] newestReconstructed(int i) {
        return newestStep(reconstruction, i);
    }

    private double[] newestStep(float[] windows, int i) {
        double[] out = new double[features];
        int base = (i * window + window - 1) * features;
        for (int f = 0; f < features; f++) {
            out[f] = windows[base + f];
        }
        return out;
    }

    public float[] latent(int i) {
        float[] out = new float[latentSize];
        System.arraycopy(latent, i * latentSize, out, 0, latentSize);
        return out;
    }
}
