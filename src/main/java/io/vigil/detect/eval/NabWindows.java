package io.vigil.detect.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled anomaly windows of the Numenta Anomaly Benchmark ({@code combined_windows.json}):
 * for each data file, keyed by its path relative to NAB's data directory
 * ({@code realKnownCause/nyc_taxi.csv}), a list of {@code [start, end]} windows as epoch ms
 * (UTC), both ends inclusive. Also turns windows into per-point labels.
 */
public final class NabWindows {

    private NabWindows() {
    }

    /**
     * Reads a windows file, keeping its key order.
     *
     * @throws IllegalArgumentException naming the file and the entry when the content is not NAB
     *                                  windows JSON
     * @throws IOException              when the file cannot be read
     */
    public static Map<String, List<long[]>> read(Path json) throws IOException {
        String file = json.getFileName().toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of data file -> windows");
        }
        Map<String, List<long[]>> windows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            windows.put(entry.getKey(), parseWindows(file, entry.getKey(), entry.getValue()));
        }
        return Collections.unmodifiableMap(windows);
    }

    /**
     * The windows of one data file: the key ending with the file's {@code <category dir>/<file
     * name>}, else the only key ending with its file name.
     *
     * @throws IllegalArgumentException when no key, or more than one key by file name, matches
     */
    public static List<long[]> forFile(Map<String, List<long[]>> windows, Path dataFile) {
        String name = dataFile.getFileName().toString();
        Path parent = dataFile.getParent();
        if (parent != null && parent.getFileName() != null) {
            String categoryAndName = parent.getFileName() + "/" + name;
            for (Map.Entry<String, List<long[]>> e : windows.entrySet()) {
                if (pathEndsWith(e.getKey(), categoryAndName)) {
                    return e.getValue();
                }
            }
        }
        List<String> byName = new ArrayList<>();
        for (String key : windows.keySet()) {
            if (pathEndsWith(key, name)) {
                byName.add(key);
            }
        }
        if (byName.size() == 1) {
            return windows.get(byName.get(0));
        }
        throw new IllegalArgumentException(byName.isEmpty()
                ? "no labelled windows for " + dataFile + ": no key ends with \"" + name + "\""
                : "labelled windows for " + dataFile + " are ambiguous: keys " + byName
                        + " all end with \"" + name + "\"; keep the file in its NAB category directory");
    }

    /** Per-point labels: true where the timestamp lies in a window, bounds inclusive. */
    public static boolean[] label(long[] timestamps, List<long[]> windows) {
        Objects.requireNonNull(timestamps, "timestamps");
        boolean[] labels = new boolean[timestamps.length];
        for (long[] w : windows) {
            for (int i = 0; i < timestamps.length; i++) {
                if (timestamps[i] >= w[0] && timestamps[i] <= w[1]) {
                    labels[i] = true;
                }
            }
        }
        return labels;
    }

    private static boolean pathEndsWith(String key, String suffix) {
        String normalised = key.replace('\\', '/');
        return normalised.equals(suffix) || normalised.endsWith("/" + suffix);
    }

    private static List<long[]> parseWindows(String file, String key, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(file + ": \"" + key + "\" must be a list of windows, got " + value);
        }
        List<long[]> windows = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode w = value.get(i);
            String where = file + ": \"" + key + "\" window " + (i + 1);
            if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                throw new IllegalArgumentException(where + " must be [\"start\", \"end\"] timestamps, got " + w);
            }
            long start = timestamp(where, w.get(0).textValue());
            long end = timestamp(where, w.get(1).textValue());
            if (end < start) {
                throw new IllegalArgumentException(where + " ends before it starts: " + w);
            }
            windows.add(new long[] {start, end});
        }
        return Collections.unmodifiableList(windows);
    }

    private static long timestamp(String where, String text) {
        try {
            return NabTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": timestamp \"" + text
                    + "\" is not yyyy-MM-dd HH:mm:ss[.ffffff]", e);
        }
    }
}
