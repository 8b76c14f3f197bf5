package io.vigil.telemetry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations as Vigil's config and CLI spell them: a whole number with a unit
 * ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}) or ISO-8601 ({@code PT5M},
 * {@code P1D}). Units are lower case on purpose: {@code M} could mean minutes or months. Negative
 * durations are refused because every duration Vigil takes is a length of time.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final String EXPECTED =
            "expected a whole number with a unit ms, s, m, h or d (250ms, 30s, 5m, 1h, 2d) or ISO-8601 (PT5M, P1D)";

    private Durations() {
    }

    /**
     * Parses a non-negative duration.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration is empty; " + EXPECTED);
        }
        String t = text.trim();
        Duration d;
        Matcher m = SHORT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
                d = Duration.parse(t);
            } else {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; " + EXPECTED);
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (or is too long); " + EXPECTED);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration \"" + text + "\" is negative; expected zero or more");
        }
        return d;
    }

    /**
     * Formats a duration in the largest short unit that divides it exactly ({@code 5m}, {@code 90s},
     * {@code 250ms}); a duration with sub-millisecond parts falls back to ISO-8601.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
