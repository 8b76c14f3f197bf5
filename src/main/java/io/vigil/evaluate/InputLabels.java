package io.vigil.evaluate;

import io.vigil.detect.eval.NabWindows;
import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Ground truth for evaluation: a 0/1 {@code label} column in the input CSV, or NAB-style labelled windows
 * from a JSON file. Labels are looked up per row by its file and line, or by its timestamp.
 */
public final class InputLabels {
    static final String LABEL_COLUMN = "label";

    private final Map<String, Boolean> byFileLine;
    private final Map<String, List<long[]>> windowsByFile;

    private InputLabels(Map<String, Boolean> byFileLine, Map<String, List<long[]>> windowsByFile) {
        this.byFileLine = byFileLine;
        this.windowsByFile = windowsByFile;
    }

    /** Labels from {@code labelsJson} when given, else from a label column; null when there are none. */
    public static InputLabels find(List<Path> inputs, Path labelsJson) throws IOException {
        if (labelsJson != null) {
            Map<String, List<long[]>> all;
            try {
                all = NabWindows.read(labelsJson);
            } catch (IllegalArgumentException e) {
                throw new InputException("--labels " + labelsJson + ": " + e.getMessage());
            }
            Map<String, List<long[]>> byFile = new HashMap<>();
            for (Path input : inputs) {
                try {
                    byFile.put(input.getFileName().toString(), NabWindows.forFile(all, input));
                } catch (IllegalArgumentException e) {
                    throw new InputException("--labels " + labelsJson + ": " + e.getMessage());
                }
            }
            return new InputLabels(null, byFile);
        }
        Map<String, Boolean> labels = new HashMap<>();
        for (Path input : inputs) {
            String name = input.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".csv.gz")) {
                continue;
            }
            try (Reader r = reader(input);
                 CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
                if (!parser.getHeaderMap().containsKey(LABEL_COLUMN)) {
                    continue;
                }
                for (CSVRecord rec : parser) {
                    String v = rec.get(LABEL_COLUMN);
                    long line = rec.getRecordNumber() + 1;
                    if (!v.equals("0") && !v.equals("1")) {
                        throw InputException.at(name, line, "column \"label\" is \"" + v + "\", expected 0 or 1");
                    }
                    labels.put(name + ":" + line, v.equals("1"));
                }
            }
        }
        return labels.isEmpty() ? null : new InputLabels(labels, null);
    }

    boolean label(String source, long line, long timestamp) {
        if (byFileLine != null) {
            return byFileLine.getOrDefault(source + ":" + line, false);
        }
        for (long[] w : windowsByFile.getOrDefault(source, List.of())) {
            if (timestamp >= w[0] && timestamp <= w[1]) {
                return true;
            }
        }
        return false;
    }

    private static Reader reader(Path p) throws IOException {
        if (p.getFileName().toString().endsWith(".gz")) {
            return new java.io.InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), java.nio.charset.StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(p);
    }
}
