package io.vigil.train;

import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges parsed files into a {@link History}: settles the feature list, checks every row has
 * every feature, groups rows by series (a series may span files), sorts each series by time and
 * refuses repeated timestamps, since a window with two rows at one instant has no meaning.
 */
final class HistoryAssembler {
    private HistoryAssembler() {
    }

    private record Source(ParsedFile file, ParsedFile.Row row) {
    }

    static History assemble(List<ParsedFile> files, HistoryOptions options) {
        List<String> requested = options.features();
        List<String> features = requested.isEmpty() ? union(files) : requested;
        if (features.isEmpty()) {
            ParsedFile first = files.get(0);
            throw InputException.at(first.name(), 1, "no feature columns; columns found: "
                    + String.join(", ", first.header())
                    + " (expected at least one numeric column besides the timestamp and series columns)");
        }
        Map<String, List<Source>> bySeries = new LinkedHashMap<>();
        for (ParsedFile file : files) {
            int[] index = columnIndex(file, features);
            for (ParsedFile.Row row : file.rows()) {
                float[] values = new float[features.size()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = row.value(index[j]);
                    if (Float.isNaN(values[j])) {
                        throw InputException.at(file.name(), row.line(), "feature \"" + features.get(j)
                                + "\" is missing; every row needs all features " + features
                                + " (choose features with --features)");
                    }
                }
                bySeries.computeIfAbsent(row.series(), k -> new ArrayList<>())
                        .add(new Source(file, new ParsedFile.Row(row.series(), row.timestamp(), values, row.line())));
            }
        }
        List<SeriesHistory> series = new ArrayList<>();
        bySeries.forEach((id, rows) -> series.add(toSeries(id, rows, options.duplicates())));
        return new History(features, series);
    }

    private static List<String> union(List<ParsedFile> files) {
        Set<String> all = new LinkedHashSet<>();
        files.forEach(f -> all.addAll(f.columns()));
        return List.copyOf(all);
    }

    /** Where each feature sits in this file's columns; a CSV file must have them all in its header. */
    private static int[] columnIndex(ParsedFile file, List<String> features) {
        int[] index = new int[features.size()];
        for (int j = 0; j < index.length; j++) {
            String feature = features.get(j);
            index[j] = file.columns().indexOf(feature);
            // a JSON lines file may lack a feature on some rows only: reported at the first such row
            if (index[j] < 0 && file.tabular()) {
                String why = file.header().contains(feature)
                        ? "column \"" + feature + "\" is not numeric in this file but is a feature in another"
                        : "no column \"" + feature + "\", a feature in another file";
                throw InputException.at(file.name(), 1, why + "; columns found: " + String.join(", ", file.header())
                        + " (every file must have the same features, or choose them with --features)");
            }
        }
        return index;
    }

    private static SeriesHistory toSeries(String id, List<Source> rows, HistoryOptions.Duplicates duplicates) {
        // List.sort is stable: rows with equal times keep file order, so the duplicate check
        // below names the earlier line first and FIRST keeps the earlier row
        rows.sort(Comparator.comparingLong(s -> s.row().timestamp()));
        int n = rows.size();
        long[] ts = new long[n];
        float[][] values = new float[n][];
        String[] sources = new String[n];
        long[] lines = new long[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Source s = rows.get(i);
            long t = s.row().timestamp();
            if (kept > 0 && t == ts[kept - 1]) {
                if (duplicates == HistoryOptions.Duplicates.REJECT) {
                    throw InputException.at(s.file().name(), s.row().line(), "timestamp " + Timestamps.format(t)
                            + " repeats line " + lines[kept - 1] + " of " + sources[kept - 1] + " in series \"" + id
                            + "\"; each series needs one row per timestamp (remove one, or pass --duplicates first)");
                }
                if (duplicates == HistoryOptions.Duplicates.FIRST) {
                    continue;
                }
            }
            ts[kept] = t;
            values[kept] = s.row().values();
            sources[kept] = s.file().name();
            lines[kept] = s.row().line();
            kept++;
        }
        if (kept < n) {
            return new SeriesHistory(id, java.util.Arrays.copyOf(ts, kept), java.util.Arrays.copyOf(values, kept),
                    java.util.Arrays.copyOf(sources, kept), java.util.Arrays.copyOf(lines, kept));
        }
        return new SeriesHistory(id, ts, values, sources, lines);
    }
}
