package io.vigil.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The detector's verdict on one window: its calibrated score, whether it is anomalous, the
 * series' alert state to store for the next window, the alert event to publish if the window
 * opened or resolved one, and the features that contributed most to this window's error.
 */
public record Decision(double score, boolean anomalous, AlertState next, Optional<AlertEvent> event,
                       List<FeatureContribution> features) {

    public Decision {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(event, "event");
        features = List.copyOf(features);
    }
}
