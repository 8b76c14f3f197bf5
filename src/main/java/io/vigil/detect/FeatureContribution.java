package io.vigil.detect;

import java.util.Objects;

/**
 * One feature's part in a window's error, as listed in an alert: its share of the total error
 * (shares over all features sum to 1) and whether it ran {@code above} or {@code below} what the
 * model reconstructed.
 */
public record FeatureContribution(String name, double share, String direction) {

    /** The observed values were, on average over the window, above the reconstruction. */
    public static final String ABOVE = "above";
    /** The observed values were at or below the reconstruction. */
    public static final String BELOW = "below";

    public FeatureContribution {
        Objects.requireNonNull(name, "name");
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share of feature \"" + name + "\" must be in [0, 1], got " + share);
        }
        if (!ABOVE.equals(direction) && !BELOW.equals(direction)) {
            throw new IllegalArgumentException("direction of feature \"" + name + "\" must be \""
                    + ABOVE + "\" or \"" + BELOW + "\", got \"" + direction + "\"");
        }
    }
}
