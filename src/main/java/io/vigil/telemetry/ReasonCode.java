package io.vigil.telemetry;

/**
 * Why a telemetry record went to the dead-letter topic. Every rejected record carries exactly
 * one reason; its {@link #wireName()} is what appears in the dead letter's {@code reason} field and
 * its {@code vigil.reason} header, and in metric tags, so it must never change once released.
 * {@link #LATE} and {@link #DUPLICATE} are decided by the window store, not by the parser.
 */
public enum ReasonCode {
    /** The value is not a JSON object (invalid, truncated, too deeply nested, or another JSON type). */
    NOT_JSON("not_json"),
    /** A field has the wrong JSON type, e.g. a feature value that is a string. */
    BAD_TYPE("bad_type"),
    /** {@code ts} is missing, unparseable, fractional, or outside the accepted years. */
    BAD_TIMESTAMP("bad_timestamp"),
    /** A feature value is NaN, infinite, or overflows a double. */
    NON_FINITE("non_finite"),
    /** None of the model's features is present. */
    NO_KNOWN_FEATURE("no_known_feature"),
    /** The key is not UTF-8, or no series id can be found in key or value. */
    BAD_KEY("bad_key"),
    /** Older than the series' window allows. */
    LATE("late"),
    /** Its timestamp equals one already in the series' window. */
    DUPLICATE("duplicate"),
    /** Larger than {@code record.max.bytes}. */
    TOO_LARGE("too_large");

    private final String wireName;

    ReasonCode(String wireName) {
        this.wireName = wireName;
    }

    /** The lowercase name used on the wire, in headers and in metric tags, e.g. {@code not_json}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The reason with this wire name.
     *
     * @throws IllegalArgumentException when no reason has that name
     */
    public static ReasonCode fromWireName(String name) {
        for (ReasonCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown reason \"" + name + "\"");
    }
}
