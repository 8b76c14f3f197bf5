package io.vigil.train;

import io.vigil.telemetry.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a sequence file, one sequence per row: CSV ({@code .csv}, a header, then {@code steps x features}
 * numeric columns row-major after dropping the label column) or JSON lines
 * ({@code {"sequence": [[...], ...], "label": ...}}, 1 to {@code steps} steps, padded with zeros to
 * {@code steps}), either optionally gzipped. Rows are streamed and
 * sorted into groups (e.g. training and validation) by their 0-based data row; rows in no group are
 * skipped without parsing. Every bad row is an {@link InputException} naming file, line and field.
 */
public final class SequenceReader {
    /** How to read the file: sequence shape and the optional label column (CSV) or field (JSON). */
    public record Options(int steps, int features, String labelColumn) {
        public Options {
            if (steps < 2 || features < 1) {
                throw new IllegalArgumentException("--steps must be at least 2 and --features-per-step at least 1, got "
                        + steps + " and " + features);
            }
        }
    }

    /** Bytes of read buffer: large enough that gzip inflation, not system calls, is the cost. */
    static final int BUFFER = 1 << 16;

    /** One row's values as it is parsed, and where it goes. */
    interface RowSink {
        /** The group of data row {@code row}, or -1 to skip it. */
        int groupOf(int row);

        /** {@code values} holds {@code length} real steps, then zeros up to the sequence length. */
        void accept(int group, int row, float[] values, int length, String label);
    }

    private SequenceReader() {
    }

    /**
     * Reads the rows for which {@code groupOf} gives a group in {@code [0, groups)}; returns them per
     * group, in file order, and fails when a group's rows run past the end of the file.
     */
    public static Sequences[] read(Path file, Options options, int groups, IntUnaryOperator groupOf, int lastRowNeeded) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean gzip = lower.endsWith(".gz");
        String plain = gzip ? lower.substring(0, lower.length() - 3) : lower;
        boolean csv = plain.endsWith(".csv");
        if (!csv && !(plain.endsWith(".jsonl") || plain.endsWith(".ndjson") || plain.endsWith(".json"))) {
            throw new InputException(name + ": unknown file type; expected .csv or .jsonl/.ndjson/.json (JSON lines), optionally gzipped");
        }
        Collector collector = new Collector(groups, options.steps() * options.features(), groupOf);
        int rows;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : new BufferedInputStream(raw, BUFFER)) {
            rows = csv ? new CsvSequenceParser(in, name, options).parse(collector)
                    : JsonSequenceParser.parse(in, name, options, collector);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file (" + file + ")");
        } catch (ZipException | EOFException e) {
            throw new InputException(name + ": not a readable gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (lastRowNeeded > rows) {
            throw new InputException(name + ": has " + rows + " data rows, but the row ranges ask for rows up to " + lastRowNeeded);
        }
        return collector.finish(options);
    }

    /** Grows one flat array per group; labels are interned so 70,000 rows of ten classes hold ten strings. */
    private static final class Collector implements RowSink {
        private final IntUnaryOperator groupOf;
        private final int size;
        private final float[][] data;
        private final int[][] rows;
        private final int[][] lengths;
        private final String[][] labels;
        private final int[] counts;
        private final Map<String, String> interned = new HashMap<>();
        private boolean labelled;

        Collector(int groups, int size, IntUnaryOperator groupOf) {
            this.groupOf = groupOf;
            this.size = size;
            this.data = new float[groups][size * 64];
            this.rows = new int[groups][64];
            this.lengths = new int[groups][64];
            this.labels = new String[groups][64];
            this.counts = new int[groups];
        }

        @Override
        public int groupOf(int row) {
            int g = groupOf.applyAsInt(row);
            return g < counts.length ? g : -1;
        }

        @Override
        public void accept(int group, int row, float[] values, int length, String label) {
            int n = counts[group];
            if (n == rows[group].length) {
                rows[group] = Arrays.copyOf(rows[group], n * 2);
                lengths[group] = Arrays.copyOf(lengths[group], n * 2);
                labels[group] = Arrays.copyOf(labels[group], n * 2);
                data[group] = Arrays.copyOf(data[group], n * 2 * size);
            }
            System.arraycopy(values, 0, data[group], n * size, size);
            rows[group][n] = row;
            lengths[group][n] = length;
            if (label != null) {
                labelled = true;
                labels[group][n] = interned.computeIfAbsent(label, l -> l);
            }
            counts[group] = n + 1;
        }

        Sequences[] finish(Options o) {
            Sequences[] out = new Sequences[counts.length];
            for (int g = 0; g < counts.length; g++) {
                int n = counts[g];
                out[g] = new Sequences(o.steps(), o.features(), n, Arrays.copyOf(data[g], n * size), Arrays.copyOf(rows[g], n),
                        Arrays.copyOf(lengths[g], n), labelled ? Arrays.copyOf(labels[g], n) : null);
                data[g] = null;
            }
            return out;
        }
    }
}
