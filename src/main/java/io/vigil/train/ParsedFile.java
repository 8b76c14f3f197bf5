package io.vigil.train;

import java.util.List;

/**
 * One history file as read, before files are merged into series: the feature columns it offers
 * in its own order and its rows with values aligned to them. A value of {@code NaN} marks a
 * feature a JSON line did not carry (real NaNs are refused while reading, so it is free).
 * {@code tabular} files (CSV) have every column on every row; JSON lines may vary per row.
 */
record ParsedFile(String name, boolean tabular, List<String> header, List<String> columns, List<Row> rows) {
    /** Marks an absent value in {@link Row#values()}. */
    static final float ABSENT = Float.NaN;

    /** One row: its series id, time, values (aligned to {@link #columns()}, maybe shorter) and 1-based line. */
    record Row(String series, long timestamp, float[] values, long line) {
        float value(int column) {
            return column >= 0 && column < values.length ? values[column] : ABSENT;
        }
    }
}
