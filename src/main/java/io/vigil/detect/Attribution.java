package io.vigil.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Says which features drove a window's error: each feature's share of the summed per-feature
 * error (equal shares when the sum is zero), with the direction taken from the sign of its
 * residual. Ties are broken by feature order so the result is deterministic.
 */
public final class Attribution {

    private Attribution() {
    }

    /**
     * The {@code k} features with the largest error share, largest first (all of them when there
     * are fewer than {@code k}).
     */
    public static List<FeatureContribution> top(List<String> featureNames, WindowError e, int k) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(e, "window error");
        if (featureNames.size() != e.featureCount()) {
            throw new IllegalArgumentException("there are " + featureNames.size() + " feature names but the"
                    + " window error has " + e.featureCount() + " features");
        }
        if (k < 1) {
            throw new IllegalArgumentException("number of top features must be >= 1, got " + k);
        }
        int features = e.featureCount();
        double total = 0;
        for (int f = 0; f < features; f++) {
            total += e.featureError(f);
        }
        List<FeatureContribution> all = new ArrayList<>(features);
        for (int f = 0; f < features; f++) {
            double share = total > 0 ? e.featureError(f) / total : 1.0 / features;
            String direction = e.featureResidual(f) > 0 ? FeatureContribution.ABOVE : FeatureContribution.BELOW;
            all.add(new FeatureContribution(featureNames.get(f), Math.min(1.0, share), direction));
        }
        // List.sort is stable: equal shares keep feature order.
        all.sort(Comparator.comparingDouble(FeatureContribution::share).reversed());
        return List.copyOf(all.subList(0, Math.min(k, features)));
    }
}
