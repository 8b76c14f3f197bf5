package io.vigil.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.telemetry.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads history in Vigil's telemetry format, one JSON object per line:
 * {@code {"ts": 1732356900000, "values": {"cpu": 0.52}}} or {@code {"ts": "...", "value": 0.52}}
 * (a single feature named {@code value}), with an optional {@code "series"}. Fields and features
 * it does not know are ignored, as the detector does, so one file serves both.
 */
final class JsonLinesHistoryFile {
    static final String TS = "ts";
    static final String SERIES = "series";
    static final String VALUES = "values";
    static final String VALUE = "value";
    private static final String TS_EXPECTED = "expected epoch milliseconds or an ISO-8601 string";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String name;
    private final String defaultSeries;
    private final boolean fixedFeatures;
    private final Map<String, Integer> columns = new LinkedHashMap<>();

    private JsonLinesHistoryFile(String name, String defaultSeries, List<String> features) {
        this.name = name;
        this.defaultSeries = defaultSeries;
        this.fixedFeatures = !features.isEmpty();
        features.forEach(f -> columns.put(f, columns.size()));
    }

    static ParsedFile read(BufferedReader in, String name, HistoryOptions options, String defaultSeries)
            throws IOException {
        return new JsonLinesHistoryFile(name, defaultSeries, options.features()).readAll(in);
    }

    private ParsedFile readAll(BufferedReader in) throws IOException {
        List<ParsedFile.Row> rows = new ArrayList<>();
        long line = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            if (!text.isBlank()) {
                rows.add(row(parse(text, line), line));
            }
        }
        if (rows.isEmpty()) {
            throw InputException.at(name, 1, "no JSON lines, expected one object per line such as "
                    + "{\"ts\": 1732356900000, \"values\": {\"cpu\": 0.52}}");
        }
        List<String> names = List.copyOf(columns.keySet());
        return new ParsedFile(name, false, names, names, rows);
    }

    private JsonNode parse(String text, long line) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!node.isObject()) {
                throw InputException.at(name, line, "expected a JSON object, found " + describe(node));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw InputException.at(name, line, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private ParsedFile.Row row(JsonNode node, long line) {
        long ts = timestamp(node.get(TS), line);
        String series = defaultSeries;
        JsonNode s = node.get(SERIES);
        if (s != null) {
            if (!s.isTextual() || s.asText().isEmpty()) {
                throw InputException.at(name, line, "field \"series\" is " + describe(s) + ", expected a non-empty string");
            }
            series = s.asText();
        }
        float[] values = new float[columns.size()];
        Arrays.fill(values, ParsedFile.ABSENT);
        JsonNode map = node.get(VALUES);
        JsonNode single = node.get(VALUE);
        if (map == null && single == null) {
            throw InputException.at(name, line, "no \"values\" object and no \"value\" field");
        }
        if (map != null) {
            if (!map.isObject()) {
                throw InputException.at(name, line, "field \"values\" is " + describe(map)
                        + ", expected an object such as {\"cpu\": 0.52}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values = put(values, e.getKey(), e.getValue(), "values." + e.getKey(), line);
            }
        }
        if (single != null) {
            values = put(values, VALUE, single, VALUE, line);
        }
        return new ParsedFile.Row(series, ts, values, line);
    }

    /** Stores one feature's value, growing the row when this file shows a feature for the first time. */
    private float[] put(float[] values, String feature, JsonNode v, String field, long line) {
        Integer column = columns.get(feature);
        if (column == null) {
            if (fixedFeatures) {
                return values; // a feature nobody asked for: ignored, like the detector does
            }
            column = columns.size();
            columns.put(feature, column);
        }
        if (!v.isNumber()) {
            throw InputException.at(name, line, "field \"" + field + "\" is " + describe(v) + ", expected a number");
        }
        float f = Cells.finite(name, line, "field \"" + field + "\"", v.doubleValue());
        if (column >= values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, column + 1);
            Arrays.fill(values, old, values.length, ParsedFile.ABSENT);
        }
        values[column] = f;
        return values;
    }

    private long timestamp(JsonNode ts, long line) {
        if (ts == null) {
            throw InputException.at(name, line, "field \"ts\" is missing, " + TS_EXPECTED);
        }
        if (ts.isTextual()) {
            return Cells.timestamp(name, line, "field \"ts\"", ts.asText());
        }
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return ts.longValue();
        }
        throw InputException.at(name, line, "field \"ts\" is " + describe(ts) + ", " + TS_EXPECTED);
    }

    private static String describe(JsonNode node) {
        String type = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            default -> node.getNodeType().name().toLowerCase();
        };
        String text = node.toString();
        return node.isNull() ? type : type + " (" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ")";
    }
}
