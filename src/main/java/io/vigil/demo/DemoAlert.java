package io.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert as the demo reads it from {@code anomaly-alerts} (the Alerts contract in DESIGN.md):
 * OPEN or RESOLVED, the series, when the anomalous run began ({@code openedAt}) and was last seen,
 * the peak score, severity and the features that carried the error.
 */
public record DemoAlert(String alertId, String series, String status, long openedAt, long lastAnomalousAt,
                        Long resolvedAt, double peakScore, String severity, List<Feature> features) {
    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One feature's share of the error and whether it was above or below what the model expected. */
    public record Feature(String name, double share, String direction) {
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** Parses an alert message; an unreadable one is an {@link IllegalArgumentException} naming it. */
    public static DemoAlert parse(byte[] json) {
        JsonNode v;
        try {
            v = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("an alert message is not JSON: " + e.getMessage(), e);
        }
        if (v == null || !v.hasNonNull("alertId") || !v.hasNonNull("series") || !v.hasNonNull("status")) {
            throw new IllegalArgumentException("an alert message lacks alertId, series or status: " + v);
        }
        List<Feature> features = new ArrayList<>();
        for (JsonNode f : v.path("features")) {
            features.add(new Feature(f.path("name").asText(), f.path("share").asDouble(), f.path("direction").asText()));
        }
        return new DemoAlert(v.get("alertId").asText(), v.get("series").asText(), v.get("status").asText(),
                v.path("openedAt").asLong(), v.path("lastAnomalousAt").asLong(),
                v.hasNonNull("resolvedAt") ? v.get("resolvedAt").asLong() : null, v.path("peakScore").asDouble(),
                v.path("severity").asText(""), List.copyOf(features));
    }
}
