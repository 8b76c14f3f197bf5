package io.vigil.train;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level CSV reader for numeric sequence files: it parses plain decimals ({@code 255}, {@code -0.5})
 * straight from the bytes without making a String per cell (70,000 rows x 785 cells would be 55 million
 * of them) and falls back to {@link Double#parseDouble} for exponents. No quoting: sequence files are
 * numbers, plus an optional label column.
 */
final class CsvSequenceParser {
    private final InputStream in;
    private final String name;
    private final SequenceReader.Options options;
    private final byte[] buf = new byte[SequenceReader.BUFFER];
    private int pos;
    private int limit;
    private long line;
    private final byte[] cell = new byte[256];

    CsvSequenceParser(InputStream in, String name, SequenceReader.Options options) {
        this.in = in;
        this.name = name;
        this.options = options;
    }

    /** Parses the whole stream into {@code sink}; returns the number of data rows. */
    int parse(SequenceReader.RowSink sink) throws IOException {
        List<String> header = header();
        int labelIndex = options.labelColumn() == null ? -1 : header.indexOf(options.labelColumn());
        if (options.labelColumn() != null && labelIndex < 0) {
            throw InputException.at(name, 1, "no column \"" + options.labelColumn() + "\" for --label-column; the header has "
                    + preview(header));
        }
        int size = options.steps() * options.features();
        int valueColumns = header.size() - (labelIndex >= 0 ? 1 : 0);
        if (valueColumns != size) {
            throw InputException.at(name, 1, valueColumns + " value columns, expected --steps x --features-per-step = "
                    + options.steps() + " x " + options.features() + " = " + size
                    + (labelIndex < 0 && valueColumns == size + 1 ? " (name the label column with --label-column?)" : ""));
        }
        float[] values = new float[size];
        int row = 0;
        while (fill()) {
            line++;
            if (emptyLine()) {
                continue;
            }
            int group = sink.groupOf(row);
            if (group < 0) {
                skipLine();
            } else {
                sink.accept(group, row, values, options.steps(), parseRow(header, labelIndex, values));
            }
            row++;
        }
        return row;
    }

    private List<String> header() throws IOException {
        if (!fill()) {
            throw new InputException(name + ": empty file, expected a header row and one sequence per row");
        }
        line = 1;
        List<String> names = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (fill()) {
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (b == ',') {
                names.add(sb.toString().trim());
                sb.setLength(0);
            } else if (b != '\r') {
                sb.append((char) (b & 0xff));
            }
        }
        names.add(sb.toString().trim());
        return names;
    }

    private String parseRow(List<String> header, int labelIndex, float[] values) throws IOException {
        String label = null;
        int column = 0;
        int v = 0;
        boolean end = false;
        while (!end) {
            int len = 0;
            while (true) {
                if (!fill()) {
                    end = true;
                    break;
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    end = true;
                    break;
                }
                if (b == ',') {
                    break;
                }
                if (b != '\r' && len < cell.length) {
                    cell[len++] = b;
                }
            }
            if (column >= header.size()) {
                throw InputException.at(name, line, "more than the header's " + header.size() + " columns");
            }
            if (column == labelIndex) {
                label = new String(cell, 0, len, StandardCharsets.UTF_8).trim();
            } else {
                values[v++] = number(len, header.get(column));
            }
            column++;
        }
        if (column != header.size()) {
            throw InputException.at(name, line, column + " columns, the header has " + header.size());
        }
        return label;
    }

    /** The cell as a float: a fast path for plain decimals, the JDK's parser for anything else. */
    private float number(int len, String column) {
        int i = 0;
        while (i < len && cell[i] == ' ') {
            i++;
        }
        while (len > i && cell[len - 1] == ' ') {
            len--;
        }
        boolean negative = i < len && cell[i] == '-';
        if (negative || (i < len && cell[i] == '+')) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < len; i++) {
            byte b = cell[i];
            if (b >= '0' && b <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b - '0');
                    digits++;
                    if (decimals >= 0) {
                        decimals++;
                    }
                } else if (decimals < 0) {
                    return slow(len, column);
                }
            } else if (b == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return slow(len, column);
            }
        }
        if (digits == 0) {
            throw bad(len, column);
        }
        double value = decimals > 0 ? mantissa / Math.pow(10, decimals) : mantissa;
        return (float) (negative ? -value : value);
    }

    private float slow(int len, String column) {
        String text = new String(cell, 0, len, StandardCharsets.UTF_8).trim();
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d) && Float.isFinite((float) d)) {
                return (float) d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(len, column);
    }

    private InputException bad(int len, String column) {
        String text = new String(cell, 0, len, StandardCharsets.UTF_8).trim();
        return InputException.at(name, line, "column \"" + column + "\" is \"" + text + "\", expected a finite number");
    }

    /** Consumes a blank line ({@code \n}, or {@code \r\n} within the buffer); blank lines are not rows. */
    private boolean emptyLine() {
        if (buf[pos] == '\n') {
            pos++;
            return true;
        }
        if (buf[pos] == '\r' && pos + 1 < limit && buf[pos + 1] == '\n') {
            pos += 2;
            return true;
        }
        return false;
    }

    private void skipLine() throws IOException {
        while (fill()) {
            if (buf[pos++] == '\n') {
                return;
            }
        }
    }

    /** True when at least one byte is available at {@code pos}. */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }

    private static String preview(List<String> header) {
        return header.size() <= 5 ? header.toString() : header.subList(0, 5) + " ... (" + header.size() + " columns)";
    }
}
