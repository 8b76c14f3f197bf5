package io.vigil.detect;

/**
 * Keeps a window from being anomalous when, for every feature, the newest observed value is close to the
 * model's reconstruction of it: within {@code absolute} (in the feature's own units) or within
 * {@code relative} × |observed|, whichever allows more. A high score then reflects a difference too small
 * to matter to anyone (a disk at 0.2% full that the model expected at 0.1%), often on a series whose
 * history is so flat that any wiggle is rare. Both 0 turns suppression off.
 *
 * @param absolute key {@code alert.suppress.absolute} (default 0): a finite distance >= 0, in feature units
 * @param relative key {@code alert.suppress.relative} (default 0): a fraction of |observed| in [0, 1]
 */
public record Suppression(double absolute, double relative) {
    public static final String KEY_ABSOLUTE = "alert.suppress.absolute";
    public static final String KEY_RELATIVE = "alert.suppress.relative";

    /** No suppression: every window above the threshold is anomalous. */
    public static final Suppression OFF = new Suppression(0, 0);

    public Suppression {
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException(KEY_ABSOLUTE + " must be a finite number >= 0, got " + absolute);
        }
        if (!(relative >= 0 && relative <= 1)) {
            throw new IllegalArgumentException(KEY_RELATIVE + " must be in [0, 1], got " + relative);
        }
    }

    public boolean isOn() {
        return absolute > 0 || relative > 0;
    }

    /**
     * Whether every feature's observed value is within the tolerance of its reconstruction. Always false
     * when suppression is off, so that an exact reconstruction is never silenced by default.
     */
    boolean covers(double[] observed, double[] reconstructed) {
        if (!isOn()) {
            return false;
        }
        for (int f = 0; f < observed.length; f++) {
            double tolerance = Math.max(absolute, relative * Math.abs(observed[f]));
            if (!(Math.abs(observed[f] - reconstructed[f]) <= tolerance)) {
                return false;
            }
        }
        return true;
    }
}
