package io.vigil.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.telemetry.Timestamps;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * One readable line per Kafka record for {@code vigil tail}. Vigil's messages are recognised by
 * their fields (see the contracts in DESIGN.md): scores, alerts, dead letters and telemetry; any
 * other value is printed raw after its key.
 * <pre>
 * 2026-11-23T10:15:00Z web-1 score 0.42 (threshold 0.99)
 * 2026-11-23T10:15:00Z web-1 ALERT OPEN critical peak 0.999 cpu↑ 71% mem↓ 20%
 * DLQ bad_type: value of "cpu" is a string (telemetry-0@17)
 * 2026-11-23T10:15:00Z web-1 cpu=0.52 mem=0.71
 * </pre>
 */
public final class RecordFormatter {
    /** Decimal places of scores and thresholds: enough to tell 0.999 from 0.99. */
    static final int SCORE_DECIMALS = 3;
    private static final double PERCENT = 100.0;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordFormatter() {
    }

    /** The line for a record read at {@code topic-partition@offset}; {@code key} and {@code value} may be null. */
    public static String format(String key, byte[] value, String topic, int partition, long offset) {
        if (value == null) {
            return prefixed(key, "(tombstone)");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        JsonNode v = parse(text);
        if (v == null || !v.isObject()) {
            return prefixed(key, text);
        }
        String series = v.hasNonNull("series") ? v.get("series").asText() : (key == null ? "?" : key);
        if (has(v, "windowEnd", "score", "threshold")) {
            return score(v, series);
        }
        if (has(v, "alertId", "status")) {
            return alert(v, series);
        }
        if (has(v, "reason", "detail")) {
            return deadLetter(v, topic, partition, offset);
        }
        if (v.has("ts") && (v.has("values") || v.has("value"))) {
            return telemetry(v, series);
        }
        return prefixed(key, text);
    }

    private static String score(JsonNode v, String series) {
        StringBuilder line = new StringBuilder()
                .append(time(v.get("windowEnd"))).append(' ').append(series)
                .append(" score ").append(number(v.get("score")))
                .append(" (threshold ").append(number(v.get("threshold"))).append(')');
        if (v.path("anomalous").asBoolean(false)) {
            line.append(" ANOMALOUS");
        }
        return line.toString();
    }

    private static String alert(JsonNode v, String series) {
        String status = v.get("status").asText();
        JsonNode at = "RESOLVED".equals(status) && v.hasNonNull("resolvedAt") ? v.get("resolvedAt")
                : v.hasNonNull("openedAt") ? v.get("openedAt") : v.get("lastAnomalousAt");
        StringBuilder line = new StringBuilder()
                .append(time(at)).append(' ').append(series).append(" ALERT ").append(status);
        if (v.hasNonNull("severity")) {
            line.append(' ').append(v.get("severity").asText());
        }
        if (v.hasNonNull("peakScore")) {
            line.append(" peak ").append(number(v.get("peakScore")));
        }
        for (JsonNode f : v.path("features")) {
            String arrow = switch (f.path("direction").asText()) {
                case "above" -> "↑";
                case "below" -> "↓";
                default -> "";
            };
            line.append(' ').append(f.path("name").asText()).append(arrow)
                    .append(' ').append(Math.round(f.path("share").asDouble() * PERCENT)).append('%');
        }
        return line.toString();
    }

    private static String deadLetter(JsonNode v, String topic, int partition, long offset) {
        boolean original = v.hasNonNull("topic") && v.hasNonNull("partition") && v.hasNonNull("offset");
        String where = original
                ? v.get("topic").asText() + "-" + v.get("partition").asText() + "@" + v.get("offset").asText()
                : topic + "-" + partition + "@" + offset;
        return "DLQ " + v.get("reason").asText() + ": " + v.get("detail").asText() + " (" + where + ")";
    }

    private static String telemetry(JsonNode v, String series) {
        StringBuilder line = new StringBuilder().append(time(v.get("ts"))).append(' ').append(series);
        if (v.has("value")) {
            line.append(" value=").append(v.get("value").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            line.append(' ').append(e.getKey()).append('=').append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue());
        }
        return line.toString();
    }

    private static String time(JsonNode t) {
        if (t == null || t.isNull()) {
            return "-";
        }
        return t.isIntegralNumber() ? Timestamps.format(t.asLong()) : t.asText();
    }

    private static String number(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return n == null ? "-" : n.asText();
        }
        double d = n.asDouble();
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        BigDecimal rounded = BigDecimal.valueOf(d).setScale(SCORE_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    private static boolean has(JsonNode v, String... fields) {
        for (String f : fields) {
            if (!v.has(f)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String prefixed(String key, String rest) {
        return key == null || key.isEmpty() ? rest : key + " " + rest;
    }
}
