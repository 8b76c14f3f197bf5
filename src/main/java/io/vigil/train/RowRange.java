package io.vigil.train;

import io.vigil.telemetry.InputException;

/** A half-open, 0-based range of data rows {@code [from, to)}, written {@code A:B} on the command line. */
public record RowRange(int from, int to) {
    public RowRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("row range " + from + ":" + to + " must satisfy 0 <= A < B");
        }
    }

    /** Parses {@code A:B}; {@code option} names the option in the error. */
    public static RowRange parse(String text, String option) {
        String[] parts = text.trim().split(":", -1);
        try {
            if (parts.length == 2) {
                return new RowRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        } catch (IllegalArgumentException e) {
            throw new InputException(option + " " + text + ": " + e.getMessage());
        }
        throw new InputException(option + " is \"" + text + "\", expected A:B (half-open, 0-based rows, e.g. 0:5000)");
    }

    public boolean contains(long row) {
        return row >= from && row < to;
    }

    public int size() {
        return to - from;
    }

    public boolean overlaps(RowRange o) {
        return from < o.to && o.from < to;
    }

    @Override
    public String toString() {
        return from + ":" + to;
    }
}
