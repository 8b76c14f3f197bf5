package io.vigil.detect.eval;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses NAB's label timestamps, {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, read as UTC, to epoch
 * milliseconds (sub-millisecond digits are dropped). Kept here, small, so evaluation does not
 * depend on the telemetry package.
 */
final class NabTimestamps {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter();

    private NabTimestamps() {
    }

    /** Epoch ms of the timestamp; throws {@link DateTimeParseException} when it does not match. */
    static long parse(String text) {
        return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
