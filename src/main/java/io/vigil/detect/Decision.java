package io.vigil.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The detector's verdict on one window: its score, whether it is anomalous and which rule said so
 * ({@code reason}), the series' alert state to store for the next window, the alert event to publish if
 * the window opened or resolved one, and the features that contributed most to this window's error.
 */
public record Decision(double score, boolean anomalous, Reason reason, AlertState next, Optional<AlertEvent> event,
                       List<FeatureContribution> features) {

    /** Which rule decided whether the window is anomalous; written into the Scores message as {@code reason}. */
    public enum Reason {
        /** The calibrated score compared with {@code threshold}: anomalous when greater. */
        THRESHOLD("threshold"),
        /** A newest value lies outside the training range widened by {@code range.guard.margin}: anomalous, score 1. */
        RANGE_GUARD("range-guard"),
        /** The score is above the threshold, but every newest value is close to its reconstruction: not anomalous. */
        SUPPRESSED("suppressed"),
        /**
         * A newest value lies beyond the range the series has shown so far ({@link SeenRange}; streaming likelihood
         * only), which raised the score to at least 0.99999, above the threshold: anomalous.
         */
        NEW_EXTREME("new-extreme"),
        /** The series has had fewer than {@code alert.warmup} scored windows: not anomalous. */
        WARM_UP("warm-up");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(event, "event");
        features = List.copyOf(features);
    }
}
