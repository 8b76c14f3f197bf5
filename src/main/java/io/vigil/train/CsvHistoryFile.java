package io.vigil.train;

import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a CSV history file with a header row. Without requested features, a column is a feature
 * when its first data cell is a number (or empty, which then fails as an empty cell): a text
 * column such as a host name is left out rather than failing every row, while a numeric column
 * with a bad cell later still fails at that cell.
 */
final class CsvHistoryFile {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    private CsvHistoryFile() {
    }

    static ParsedFile read(Reader in, String name, HistoryOptions options, String defaultSeries) throws IOException {
        try (CSVParser parser = open(in, name)) {
            List<String> header = parser.getHeaderNames();
            String ts = options.timestampColumn();
            if (!header.contains(ts)) {
                throw missingTimestamp(name, header, ts);
            }
            String seriesColumn = options.seriesColumn();
            if (seriesColumn != null && !header.contains(seriesColumn)) {
                throw InputException.at(name, 1, "no series column \"" + seriesColumn + "\"; columns found: "
                        + String.join(", ", header));
            }
            List<String> columns = options.features().isEmpty() ? null : requested(name, header, options.features());
            List<ParsedFile.Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    throw InputException.at(name, line, "row has " + record.size() + " cells, the header has "
                            + header.size() + " (" + String.join(",", header) + ")");
                }
                if (columns == null) {
                    columns = detectNumeric(record, header, ts, seriesColumn);
                }
                String series = defaultSeries;
                if (seriesColumn != null) {
                    series = record.get(seriesColumn);
                    if (series.isEmpty()) {
                        throw InputException.at(name, line, "column \"" + seriesColumn + "\" is empty, expected a series id");
                    }
                }
                long t = Cells.timestamp(name, line, "column \"" + ts + "\"", record.get(ts));
                float[] values = new float[columns.size()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = Cells.number(name, line, columns.get(j), record.get(columns.get(j)));
                }
                rows.add(new ParsedFile.Row(series, t, values, line));
            }
            if (rows.isEmpty()) {
                throw InputException.at(name, 2, "no data rows after the header (" + String.join(",", header) + ")");
            }
            return new ParsedFile(name, true, header, columns, rows);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException bad) {
                // malformed quoting; commons-csv's text carries the line, e.g. "(startline 2) EOF reached ..."
                throw new InputException(name + ": not valid CSV: " + bad.getMessage(), e);
            }
            throw e.getCause(); // unreadable bytes (not UTF-8, truncated gzip): the caller names them
        }
    }

    private static CSVParser open(Reader in, String name) throws IOException {
        try {
            return FORMAT.parse(in);
        } catch (IllegalArgumentException e) {
            throw InputException.at(name, 1, "bad header row: " + e.getMessage());
        }
    }

    private static InputException missingTimestamp(String name, List<String> header, String ts) {
        if (!header.isEmpty() && looksLikeTime(header.get(0))) {
            throw InputException.at(name, 1, "no header row: the first line starts with \"" + header.get(0)
                    + "\", which looks like data; add a header such as " + ts + ",value");
        }
        return InputException.at(name, 1, "no timestamp column \"" + ts + "\"; columns found: "
                + String.join(", ", header) + " (choose one with --timestamp-column)");
    }

    private static boolean looksLikeTime(String cell) {
        try {
            Timestamps.parse(cell);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> requested(String name, List<String> header, List<String> features) {
        for (String f : features) {
            if (!header.contains(f)) {
                throw InputException.at(name, 1, "no column \"" + f + "\" (a requested feature); columns found: "
                        + String.join(", ", header));
            }
        }
        return features;
    }

    private static List<String> detectNumeric(CSVRecord first, List<String> header, String ts, String seriesColumn) {
        List<String> columns = new ArrayList<>();
        for (String column : header) {
            if (!column.equals(ts) && !column.equals(seriesColumn) && Cells.looksNumeric(first.get(column))) {
                columns.add(column);
            }
        }
        return columns;
    }
}
