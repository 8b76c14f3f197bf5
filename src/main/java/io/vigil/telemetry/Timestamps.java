package io.vigil.telemetry;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

/**
 * Reads and writes the timestamps Vigil meets in telemetry and history files. Every timestamp
 * becomes epoch milliseconds (UTC): an integer is taken as epoch milliseconds, an ISO-8601
 * date-time with {@code Z} or an offset is converted, and a date-time without a zone (ISO
 * {@code 2026-11-23T10:15:00} or NAB's {@code 2014-10-30 15:30:00.000000}) is read as UTC,
 * because history exports rarely carry a zone and guessing the machine's zone would make
 * training depend on where it runs.
 */
public final class Timestamps {
    /** Shown in every parse error so the user can fix the input without reading code. */
    public static final String ACCEPTED_FORMATS = "epoch milliseconds (1732356900000), "
            + "ISO-8601 with zone (2026-11-23T10:15:00Z, 2026-11-23T10:15:00.250+02:00), "
            + "ISO-8601 local date-time read as UTC (2026-11-23T10:15:00) "
            + "or yyyy-MM-dd HH:mm:ss[.fraction] read as UTC (2014-10-30 15:30:00.000000)";

    private static final Pattern EPOCH_MILLIS = Pattern.compile("[+-]?\\d{1,19}");

    /** NAB and many SQL exports: a space instead of the 'T', up to nanosecond fractions. */
    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private Timestamps() {
    }

    /**
     * Parses a timestamp to epoch milliseconds (UTC); fractions below a millisecond are dropped.
     *
     * @throws IllegalArgumentException naming the text and the accepted formats
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("timestamp is empty; expected " + ACCEPTED_FORMATS);
        }
        String t = text.trim();
        if (EPOCH_MILLIS.matcher(t).matches()) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw unparseable(text);
            }
        }
        try {
            if (t.indexOf('T') > 0) {
                return hasZone(t)
                        ? OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli()
                        : LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                                .toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDateTime.parse(t, SPACE_SEPARATED).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw unparseable(text);
        }
    }

    /** Formats epoch milliseconds as an ISO-8601 instant, e.g. {@code 2026-11-23T10:15:00Z}. */
    public static String format(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** A zone is a trailing Z or a +hh:mm / -hh:mm after the time (the date's dashes come before the T). */
    private static boolean hasZone(String t) {
        int timeStart = t.indexOf('T');
        char last = t.charAt(t.length() - 1);
        return last == 'Z' || last == 'z'
                || t.indexOf('+', timeStart) > 0 || t.indexOf('-', timeStart) > 0;
    }

    private static IllegalArgumentException unparseable(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a timestamp; expected " + ACCEPTED_FORMATS);
    }
}
