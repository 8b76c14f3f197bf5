package io.vigil.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One streaming pass over one record's JSON value, for one call of {@link TelemetryParser#parse}.
 * It reads the whole document even after a field-level problem, so that a document that is also
 * broken JSON is reported as {@code not_json}; of several field-level problems the first in
 * document order is kept. Structural problems ({@code not_json}) stop the pass at once.
 */
final class ValueReader {
    /** Containers nested deeper than this (the record object counts as 1) make the value {@code not_json}. */
    static final int MAX_DEPTH = 32;
    /** Accepted timestamps: from the epoch (inclusive) to 2200-01-01 (exclusive). */
    static final long MIN_TIMESTAMP = 0L;
    static final long MAX_TIMESTAMP = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    /** Nesting depth of the record object, and of a container that is the value of one of its fields. */
    private static final int ROOT = 1;
    private static final int IN_RECORD = ROOT + 1;
    /** The single-value form's feature name. */
    private static final String VALUE = "value";

    private static final int SEEN_TS = 1;
    private static final int SEEN_VALUES = 2;
    private static final int SEEN_VALUE = 4;
    private static final int SEEN_SERIES = 8;
    private static final int BOTH_FORMS = SEEN_VALUE | SEEN_VALUES;
    private static final String RANGE = Timestamps.format(MIN_TIMESTAMP) + ".." + Timestamps.format(MAX_TIMESTAMP);
    private static final String TS_TYPES = "expected epoch milliseconds or an ISO-8601 string";

    private final Map<String, Integer> featureIndex;
    private final double[] values;
    private final boolean[] seenFeature;
    private int seenFields;
    private int present;
    private int unknownFeatures;
    private long timestamp;
    private boolean hasTimestamp;
    private String series;
    private String structuralProblem;
    private ReasonCode fieldReason;
    private String fieldDetail;

    ValueReader(Map<String, Integer> featureIndex) {
        this.featureIndex = featureIndex;
        this.values = new double[featureIndex.size()];
        this.seenFeature = new boolean[featureIndex.size()];
        Arrays.fill(values, Double.NaN);
    }

    /** Reads the document; afterwards {@link #structuralProblem()} is null when it was one well-formed JSON object. */
    void read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            structuralProblem = "value is not a JSON object";
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == null) {
                structuralProblem = "truncated JSON: the value of " + Details.quote(name) + " is missing";
                return;
            }
            readField(p, name, v);
            if (structuralProblem != null) {
                return;
            }
        }
        if (t != JsonToken.END_OBJECT) {
            structuralProblem = "truncated JSON: the object is not closed";
        } else if (p.nextToken() != null) {
            structuralProblem = "trailing data after the JSON object";
        }
    }

    private void readField(JsonParser p, String name, JsonToken v) throws IOException {
        int field = switch (name) {
            case "ts" -> SEEN_TS;
            case "values" -> SEEN_VALUES;
            case VALUE -> SEEN_VALUE;
            case "series" -> SEEN_SERIES;
            default -> 0;
        };
        if (field == 0) {
            skip(p, v, IN_RECORD);
        } else if (firstTime(field, name)) {
            if ((field & BOTH_FORMS) != 0 && (seenFields & BOTH_FORMS) == BOTH_FORMS) {
                // two forms of one thing: rejected rather than merged, so no precedence rule is needed
                fail(ReasonCode.BAD_TYPE, "both \"value\" and \"values\" are present; send one of them");
                skip(p, v, IN_RECORD);
                return;
            }
            switch (field) {
                case SEEN_TS -> readTimestamp(p, v);
                case SEEN_VALUES -> readValues(p, v);
                case SEEN_VALUE -> readFeature(p, VALUE, v, ROOT);
                default -> readSeries(p, v);
            }
        }
    }

    String structuralProblem() {
        return structuralProblem;
    }

    /** The first field-level problem, or a missing ts / series / feature, or the record; {@code keyId} wins over {@code series}. */
    ParseResult result(String keyId, String modelFeatures) {
        if (fieldReason != null) {
            return ParseResult.rejected(fieldReason, fieldDetail);
        }
        if (!hasTimestamp) {
            return ParseResult.rejected(ReasonCode.BAD_TIMESTAMP, "ts is missing");
        }
        String id = keyId != null ? keyId : series;
        if (id == null) {
            return ParseResult.rejected(ReasonCode.BAD_KEY, "no key and no \"series\" field");
        }
        if (id.isBlank()) {
            return ParseResult.rejected(ReasonCode.BAD_KEY, "no key and \"series\" is blank");
        }
        if (present == 0) {
            return ParseResult.rejected(ReasonCode.NO_KNOWN_FEATURE, "none of the model's features (" + modelFeatures
                    + ") is present" + (unknownFeatures > 0 ? "; " + unknownFeatures + " unknown ignored" : ""));
        }
        return ParseResult.ok(new TelemetryRecord(id, timestamp, values, present, unknownFeatures));
    }

    private void readTimestamp(JsonParser p, JsonToken v) throws IOException {
        switch (v) {
            case VALUE_NUMBER_INT -> {
                boolean fits = p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                if (!(fits && acceptTimestamp(p.getLongValue()))) {
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.shorten(p.getText()) + " is outside " + RANGE);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.shorten(p.getText()) + " is not a timestamp");
                } else if (d != Math.rint(d)) {
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.shorten(p.getText()) + " is not whole epoch milliseconds");
                } else if (!acceptTimestamp((long) d)) { // saturates far outside the range
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.shorten(p.getText()) + " is outside " + RANGE);
                }
            }
            case VALUE_STRING -> {
                String text = p.getText();
                long millis;
                try {
                    millis = Timestamps.parse(text);
                } catch (IllegalArgumentException e) {
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.quote(text) + " is not a timestamp");
                    return;
                }
                if (!acceptTimestamp(millis)) {
                    fail(ReasonCode.BAD_TIMESTAMP, "ts " + Details.quote(text) + " is outside " + RANGE);
                }
            }
            case VALUE_NULL -> {
                // null is "no timestamp": reported as missing once the whole value has been read
            }
            default -> {
                fail(ReasonCode.BAD_TYPE, "ts is " + Details.typeOf(v) + ", " + TS_TYPES);
                skip(p, v, IN_RECORD);
            }
        }
    }

    private boolean acceptTimestamp(long millis) {
        if (millis < MIN_TIMESTAMP || millis >= MAX_TIMESTAMP) {
            return false;
        }
        timestamp = millis;
        hasTimestamp = true;
        return true;
    }

    private void readValues(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            fail(ReasonCode.BAD_TYPE, "values is " + Details.typeOf(v) + ", expected an object of feature names to numbers");
            skip(p, v, IN_RECORD);
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken fv = p.nextToken();
            if (fv == null) {
                structuralProblem = "truncated JSON: the value of " + Details.quote(name) + " is missing";
                return;
            }
            readFeature(p, name, fv, IN_RECORD);
            if (structuralProblem != null) {
                return;
            }
        }
        if (t != JsonToken.END_OBJECT) {
            structuralProblem = "truncated JSON: values is not closed";
        }
    }

    /** One feature; {@code depth} is the nesting depth of the object holding it. Unknown features are counted, not checked. */
    private void readFeature(JsonParser p, String name, JsonToken v, int depth) throws IOException {
        Integer index = featureIndex.get(name);
        if (index == null) {
            unknownFeatures++;
            skip(p, v, depth + 1);
            return;
        }
        if (seenFeature[index]) {
            structuralProblem = "duplicate field " + Details.quote(name);
            return;
        }
        seenFeature[index] = true;
        switch (v) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (Double.isFinite(d)) {
                    values[index] = d;
                    present++;
                } else {
                    fail(ReasonCode.NON_FINITE, "value of " + Details.quote(name) + " is "
                            + Details.shorten(p.getText()) + ", expected a finite number");
                }
            }
            case VALUE_NULL -> {
                // JSON null means "not measured this time": the feature stays absent (NaN)
            }
            default -> {
                fail(ReasonCode.BAD_TYPE, "value of " + Details.quote(name) + " is " + Details.typeOf(v) + ", expected a number");
                skip(p, v, depth + 1);
            }
        }
    }

    private void readSeries(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            series = p.getText();
        } else if (v != JsonToken.VALUE_NULL) {
            fail(ReasonCode.BAD_TYPE, "series is " + Details.typeOf(v) + ", expected a string");
            skip(p, v, IN_RECORD);
        }
    }

    /** Skips a value; {@code depth} is the nesting depth a container starting here would have. */
    private void skip(JsonParser p, JsonToken v, int depth) throws IOException {
        for (int open = v.isStructStart() ? 1 : 0; open > 0; ) {
            if (depth + open - 1 > MAX_DEPTH) {
                structuralProblem = "nesting deeper than " + MAX_DEPTH;
                return;
            }
            JsonToken t = p.nextToken();
            if (t == null) {
                structuralProblem = "truncated JSON: a nested value is not closed";
                return;
            }
            open += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        }
    }

    /** Duplicate top-level fields make the record ambiguous (parsers disagree on which wins): not_json. */
    private boolean firstTime(int flag, String name) {
        if ((seenFields & flag) != 0) {
            structuralProblem = "duplicate field " + Details.quote(name);
            return false;
        }
        seenFields |= flag;
        return true;
    }

    private void fail(ReasonCode reason, String detail) {
        if (fieldReason == null) {
            fieldReason = reason;
            fieldDetail = detail;
        }
    }
}
