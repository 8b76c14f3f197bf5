package io.vigil.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Objects;

/**
 * Converts {@link AlertState} to and from the JSON bytes kept in the detector's state store. The
 * format version is checked before anything else is read, so a store written by a newer build is
 * refused with a message saying so rather than misread; unknown and missing fields are refused too.
 * It writes format {@value AlertState#FORMAT_VERSION} and reads formats 1 and 2. Format 1 (before the
 * cooldown and the warm-up) reads with no cooldown left and {@code windowsScored} saturated: a series
 * that has state has been scored before, for an unknown number of windows, so it does not warm up again.
 */
public final class AlertStateMapper {

    private static final String VERSION_FIELD = "formatVersion";
    private static final int FORMAT_1 = 1;
    private static final String COOLDOWN_FIELD = "cooldownRemaining";
    private static final String WINDOWS_SCORED_FIELD = "windowsScored";

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
        if (version.intValue() == FORMAT_1) {
            tree = fromFormat1((ObjectNode) tree);
        } else if (version.intValue() != AlertState.FORMAT_VERSION) {
            throw new IllegalArgumentException("alert state format version " + version.intValue()
                    + " is not supported: this build reads versions " + FORMAT_1 + " to " + AlertState.FORMAT_VERSION
                    + "; run the build that wrote it, or reset the detector's state store");
        }
        try {
            return json.treeToValue(tree, AlertState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert state is malformed: " + e.getOriginalMessage(), e);
        }
    }

    /** Format 1 as format 2: the fields format 2 added, with the values explained in the class comment. */
    private static ObjectNode fromFormat1(ObjectNode v1) {
        for (String added : new String[] {COOLDOWN_FIELD, WINDOWS_SCORED_FIELD}) {
            if (v1.has(added)) {
                throw new IllegalArgumentException("alert state format 1 has no field \"" + added + "\"");
            }
        }
        ObjectNode v2 = v1.deepCopy();
        v2.put(VERSION_FIELD, AlertState.FORMAT_VERSION);
        v2.put(COOLDOWN_FIELD, 0);
        v2.put(WINDOWS_SCORED_FIELD, Integer.MAX_VALUE);
        return v2;
    }
}
