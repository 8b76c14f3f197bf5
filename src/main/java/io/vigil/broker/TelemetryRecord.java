package io.vigil.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One telemetry record as Vigil reads it from Kafka: the key is the series id, the value
 * {@code {"ts": <epoch ms>, "values": {"cpu": 0.52, ...}}}. Features whose value is NaN (absent
 * in that row of the source file) are left out of the record.
 */
public record TelemetryRecord(String series, long timestamp, List<String> features, float[] values) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public TelemetryRecord {
        Objects.requireNonNull(series, "series");
        if (features.size() != values.length) {
            throw new IllegalArgumentException(features.size() + " feature names for " + values.length + " values");
        }
    }

    /** The record's value as UTF-8 JSON bytes. */
    public byte[] valueJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("ts", timestamp);
        ObjectNode map = root.putObject("values");
        for (int f = 0; f < values.length; f++) {
            if (!Float.isNaN(values[f])) {
                map.put(features.get(f), values[f]);
            }
        }
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a telemetry record as JSON", e);
        }
    }

    public byte[] keyBytes() {
        return series.getBytes(StandardCharsets.UTF_8);
    }
}
