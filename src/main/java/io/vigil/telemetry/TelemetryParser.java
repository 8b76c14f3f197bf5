package io.vigil.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates one telemetry record (Kafka key and value bytes) against a model's
 * features, in one streaming pass over the JSON, and says either what the record is or the one
 * reason it goes to the dead-letter topic. The wire format is {@code docs/schemas/telemetry.schema.json}.
 *
 * <p>Checks run in this order and the first that fails decides the reason:
 * <ol>
 *   <li>a null value (a tombstone) is {@code not_json}; key plus value longer than
 *       {@code maxBytes} is {@code too_large} (Kafka's record size counts both);</li>
 *   <li>a non-empty key that is not UTF-8, or is blank, is {@code bad_key};</li>
 *   <li>the value must be exactly one JSON object, UTF-8 (a UTF-8 byte order mark is skipped),
 *       nested at most {@value ValueReader#MAX_DEPTH} deep, with no trailing data, and without
 *       repeating {@code ts}, {@code values}, {@code value}, {@code series} or a model feature
 *       (duplicate names are ambiguous, and RFC 7493 forbids them): else {@code not_json};</li>
 *   <li>the first field-level problem in document order: a field of the wrong JSON type
 *       ({@code bad_type}, also for {@code ts} as a boolean, object or array, and for a record
 *       carrying both {@code value} and {@code values}); a {@code ts} that is not a timestamp,
 *       not whole milliseconds or outside 1970..2200 ({@code bad_timestamp}); a model feature
 *       that is NaN, ±Infinity or overflows a double, e.g. {@code 1e400} ({@code non_finite});</li>
 *   <li>{@code ts} missing or null: {@code bad_timestamp};</li>
 *   <li>no series id (the key, else the value's {@code series} string): {@code bad_key};</li>
 *   <li>none of the model's features present: {@code no_known_feature}.</li>
 * </ol>
 * The key, when not empty, is the series id even when the value has a different {@code series}.
 * JSON {@code null} for a feature means absent. Features the model does not know are counted and
 * not checked at all; unknown top-level fields are skipped.
 *
 * <p>Thread-safe and stateless between calls: one instance can serve every stream thread.
 */
public final class TelemetryParser {
    /** Kafka's default {@code max.message.bytes}, a sensible {@code record.max.bytes} default. */
    public static final int DEFAULT_MAX_BYTES = 1_048_588;
    /** At most this many feature names are listed in a {@code no_known_feature} detail. */
    private static final int LISTED_FEATURES = 8;
    private static final int MAX_JSON_MESSAGE_CHARS = 100;
    /** Jackson guesses the encoding from this many leading bytes. */
    private static final int ENCODING_PROBE_BYTES = 4;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * Shared and thread-safe. NaN and ±Infinity are let through the tokenizer so that they become
     * {@code non_finite} naming the feature rather than an anonymous {@code not_json}; Jackson's own
     * depth limit sits one above ours as a backstop, so our precise detail is the one users see.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ValueReader.MAX_DEPTH + 1).build())
            .build();

    private final List<String> features;
    private final Map<String, Integer> featureIndex;
    private final String featureList;
    private final int maxBytes;

    /**
     * @param features the model's feature names, in the model's order
     * @param maxBytes {@code record.max.bytes}: the largest key plus value accepted
     * @throws IllegalArgumentException for no features, a blank or repeated name, or maxBytes < 1
     */
    public TelemetryParser(List<String> features, int maxBytes) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("record.max.bytes must be positive, was " + maxBytes);
        }
        Map<String, Integer> index = new HashMap<>();
        for (String name : features) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("feature names must not be blank: " + features);
            }
            if (index.putIfAbsent(name, index.size()) != null) {
                throw new IllegalArgumentException("feature \"" + name + "\" is listed twice: " + features);
            }
        }
        this.features = List.copyOf(features);
        this.featureIndex = Map.copyOf(index);
        this.featureList = features.size() <= LISTED_FEATURES ? String.join(", ", features)
                : String.join(", ", features.subList(0, LISTED_FEATURES)) + ", ...";
        this.maxBytes = maxBytes;
    }

    /** The model's feature names, in the order of {@link TelemetryRecord#values()}. */
    public List<String> features() {
        return features;
    }

    /** Parses one record; never throws for bad input: every problem becomes a {@link ParseResult.Rejected}. */
    public ParseResult parse(byte[] key, byte[] value) {
        if (value == null) {
            return ParseResult.rejected(ReasonCode.NOT_JSON, "value is null (a tombstone), expected a JSON object");
        }
        long size = (long) value.length + (key == null ? 0 : key.length);
        if (size > maxBytes) {
            return ParseResult.rejected(ReasonCode.TOO_LARGE,
                    "record is " + size + " bytes, more than record.max.bytes " + maxBytes);
        }
        String keyId = null;
        if (key != null && key.length > 0) {
            keyId = Utf8.decodeOrNull(key, key.length);
            if (keyId == null) {
                return ParseResult.rejected(ReasonCode.BAD_KEY, "key is not UTF-8 (" + key.length + " bytes)");
            }
            if (keyId.isBlank()) {
                return ParseResult.rejected(ReasonCode.BAD_KEY, "key is blank");
            }
        }
        String notAnObject = notAnObject(value);
        if (notAnObject != null) {
            return ParseResult.rejected(ReasonCode.NOT_JSON, notAnObject);
        }
        ValueReader reader = new ValueReader(featureIndex);
        try (JsonParser p = JSON.createParser(value)) {
            reader.read(p);
        } catch (JsonEOFException e) {
            return ParseResult.rejected(ReasonCode.NOT_JSON,
                    "truncated JSON: the input ends (at byte " + value.length + ") before the object is complete");
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            return ParseResult.rejected(ReasonCode.NOT_JSON, "invalid JSON" + at + ": " + shortMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            return ParseResult.rejected(ReasonCode.NOT_JSON, "invalid JSON: " + shortMessage(e.getMessage()));
        }
        if (reader.structuralProblem() != null) {
            return ParseResult.rejected(ReasonCode.NOT_JSON, reader.structuralProblem());
        }
        return reader.result(keyId, featureList);
    }

    /**
     * A cheap first look: the first byte after an optional UTF-8 BOM and JSON whitespace must be
     * '{'. It also refuses UTF-16 and UTF-32, which Jackson would detect from NUL bytes among the
     * first four and accept; JSON on the wire is UTF-8 (RFC 8259), and no JSON text has a raw NUL.
     */
    private static String notAnObject(byte[] value) {
        int start = startsWithBom(value) ? UTF8_BOM.length : 0;
        for (int j = start; j < Math.min(value.length, start + ENCODING_PROBE_BYTES); j++) {
            if (value[j] == 0) {
                return "value is not UTF-8: byte " + j + " is NUL (UTF-16 or UTF-32?)";
            }
        }
        int i = start;
        while (i < value.length && isJsonWhitespace(value[i])) {
            i++;
        }
        if (i == value.length) {
            return value.length == 0 ? "value is empty" : "value is only whitespace";
        }
        return value[i] == '{' ? null
                : "value is not a JSON object: it starts with " + Details.startingByte(value[i]);
    }

    private static boolean startsWithBom(byte[] value) {
        return value.length >= UTF8_BOM.length
                && value[0] == UTF8_BOM[0] && value[1] == UTF8_BOM[1] && value[2] == UTF8_BOM[2];
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** Jackson's message without its source location or hints after a line break, and short. */
    private static String shortMessage(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        return first.length() <= MAX_JSON_MESSAGE_CHARS ? first : first.substring(0, MAX_JSON_MESSAGE_CHARS) + "...";
    }
}
