package io.vigil.detect;

import java.util.List;
import java.util.Objects;

/**
 * An alert's change of status, mirroring the Alerts message of DESIGN.md without the model, which
 * the caller adds. An episode yields exactly one {@code OPEN} and at most one {@code RESOLVED},
 * sharing the {@code alertId}; {@code resolvedAt} is null until resolution. Times are epoch ms.
 */
public record AlertEvent(
        String alertId,
        String series,
        String status,
        long openedAt,
        long lastAnomalousAt,
        Long resolvedAt,
        double peakScore,
        String severity,
        List<FeatureContribution> features) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public AlertEvent {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(series, "series");
        if (!OPEN.equals(status) && !RESOLVED.equals(status)) {
            throw new IllegalArgumentException("alert status must be OPEN or RESOLVED, got " + status);
        }
        if (RESOLVED.equals(status) != (resolvedAt != null)) {
            throw new IllegalArgumentException("resolvedAt must be set exactly when status is RESOLVED");
        }
        if (!WARNING.equals(severity) && !CRITICAL.equals(severity)) {
            throw new IllegalArgumentException("alert severity must be warning or critical, got " + severity);
        }
        features = List.copyOf(features);
    }
}
