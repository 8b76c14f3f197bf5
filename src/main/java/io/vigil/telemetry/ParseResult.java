package io.vigil.telemetry;

import java.util.Objects;

/**
 * The outcome of parsing one Kafka record: either {@link Ok} with the record, or
 * {@link Rejected} with the one reason it goes to the dead-letter topic and a short detail for a
 * human. Callers branch with {@code instanceof ParseResult.Ok ok}.
 */
public sealed interface ParseResult permits ParseResult.Ok, ParseResult.Rejected {

    /** A valid record. */
    record Ok(TelemetryRecord record) implements ParseResult {
        public Ok {
            Objects.requireNonNull(record, "record");
        }
    }

    /** A record for the dead-letter topic; {@code detail} says what was wrong, e.g. {@code ts "yesterday" is not a timestamp}. */
    record Rejected(ReasonCode reason, String detail) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static ParseResult ok(TelemetryRecord record) {
        return new Ok(record);
    }

    static ParseResult rejected(ReasonCode reason, String detail) {
        return new Rejected(reason, detail);
    }
}
