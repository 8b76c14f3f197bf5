package io.vigil.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.AlertEvent;
import io.vigil.detect.FeatureContribution;
import io.vigil.registry.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detector's output messages as DESIGN.md defines them (scores, alerts, embeddings), and their
 * JSON encoding. Field names are camelCase, times epoch milliseconds.
 */
public final class Messages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which model produced a message. */
    public record ModelRef(String name, String version) {
        static ModelRef of(ModelMetadata m) {
            return new ModelRef(m.name(), m.version());
        }
    }

    /** One scored window. */
    public record Score(String series, long windowStart, long windowEnd, ModelRef model, double error,
                        Map<String, Double> featureErrors, double score, double threshold, boolean anomalous,
                        String reason, String calibration, boolean imputed) {
    }

    /** An alert's opening or resolution; both carry the same {@code alertId}. */
    public record Alert(String alertId, String series, String status, long openedAt, long lastAnomalousAt, Long resolvedAt,
                        double peakScore, String severity, List<FeatureContribution> features, ModelRef model) {
        static Alert of(AlertEvent e, ModelRef model) {
            return new Alert(e.alertId(), e.series(), e.status(), e.openedAt(), e.lastAnomalousAt(), e.resolvedAt(),
                    e.peakScore(), e.severity(), e.features(), model);
        }
    }

    /** The latent vector of a window, when the embeddings topic is enabled. */
    public record Embedding(String series, long windowEnd, ModelRef model, float[] latent) {
    }

    private Messages() {
    }

    static Map<String, Double> byName(List<String> names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values[i]);
        }
        return out;
    }

    public static byte[] toJson(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " message: " + e.getMessage(), e);
        }
    }
}
