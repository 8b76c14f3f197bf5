package io.vigil.train;

import java.util.List;
import java.util.Objects;

/**
 * What {@link HistoryReader} takes from history files. {@code features} picks and orders the
 * feature columns; empty means every numeric CSV column except the timestamp and series columns,
 * or for JSON lines every feature name seen, in first-seen order. {@code timestampColumn} names the
 * CSV timestamp column (JSON lines always use {@code ts}); {@code seriesColumn}, when set, names the
 * CSV column holding the series id (JSON lines use their {@code series} field when present);
 * without one, each file is its own series named after the file. {@code duplicates} says what a
 * repeated timestamp within one series means: an error by default, since a window with two rows at
 * one instant is suspect; {@link Duplicates#KEEP} exists for benchmark data such as NAB, where a few
 * files repeat an hour and every row must still be scored.
 */
public record HistoryOptions(List<String> features, String timestampColumn, String seriesColumn,
                             Duplicates duplicates) {
    /** What to do with two rows of one series at the same timestamp. */
    public enum Duplicates {
        /** Fail, naming both lines. */
        REJECT,
        /** Keep both; equal timestamps stay in file order ({@link SeriesHistory#lines()} maps back). */
        KEEP,
        /** Keep the first row, drop later repeats: what the stream does (it dead-letters them as {@code duplicate}). */
        FIRST
    }

    /** The CSV timestamp column when none is given, as in NAB and most exports. */
    public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";

    public HistoryOptions {
        duplicates = duplicates == null ? Duplicates.REJECT : duplicates;
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        if (timestampColumn == null || timestampColumn.isBlank()) {
            throw new IllegalArgumentException("timestampColumn must not be blank");
        }
        if (seriesColumn != null && seriesColumn.isBlank()) {
            seriesColumn = null;
        }
        if (features.contains(timestampColumn) || (seriesColumn != null && features.contains(seriesColumn))) {
            throw new IllegalArgumentException("features " + features
                    + " must not include the timestamp or series column");
        }
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("features " + features + " name a column twice");
        }
    }

    /** Options that reject duplicate timestamps. */
    public HistoryOptions(List<String> features, String timestampColumn, String seriesColumn) {
        this(features, timestampColumn, seriesColumn, Duplicates.REJECT);
    }

    /** All numeric features, column {@code timestamp}, one series per file. */
    public static HistoryOptions defaults() {
        return new HistoryOptions(List.of(), DEFAULT_TIMESTAMP_COLUMN, null, Duplicates.REJECT);
    }

    public HistoryOptions withFeatures(List<String> newFeatures) {
        return new HistoryOptions(newFeatures, timestampColumn, seriesColumn, duplicates);
    }

    public HistoryOptions withSeriesColumn(String newSeriesColumn) {
        return new HistoryOptions(features, timestampColumn, newSeriesColumn, duplicates);
    }

    public HistoryOptions withTimestampColumn(String newTimestampColumn) {
        return new HistoryOptions(features, newTimestampColumn, seriesColumn, duplicates);
    }

    public HistoryOptions withDuplicates(Duplicates newDuplicates) {
        return new HistoryOptions(features, timestampColumn, seriesColumn, newDuplicates);
    }
}
