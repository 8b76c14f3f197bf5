package io.vigil.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Objects;

/**
 * Converts {@link AlertState} to and from the JSON bytes kept in the detector's state store. The
 * format version is checked before anything else is read, so a store written by a newer build is
 * refused with a message saying so rather than misread; unknown and missing fields are refused too.
 */
public final class AlertStateMapper {

    private static final String VERSION_FIELD = "formatVersion";

    // A missing field is an error, not a silent zero: a truncated store value must not reset an alert.
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The state as UTF-8 JSON. */
    public byte[] toBytes(AlertState state) {
        Objects.requireNonNull(state, "state");
        try {
            return json.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert state: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The state read from bytes written by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when the bytes are not alert state JSON or carry a format
     *                                  version this build does not read
     */
    public AlertState fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("alert state is not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("alert state must be a JSON object");
        }
        JsonNode version = tree.get(VERSION_FIELD);
        if (version == null || !version.isInt()) {
            throw new IllegalArgumentException("alert state has no integer \"" + VERSION_FIELD + "\"");
        }
        if (version.intValue() != AlertState.FORMAT_VERSION) {
            throw new IllegalArgumentException("alert state format version " + version.intValue()
                    + " is not supported: this build reads version " + AlertState.FORMAT_VERSION
                    + "; run the build that wrote it, or reset the detector's state store");
        }
        try {
            return json.treeToValue(tree, AlertState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert state is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
