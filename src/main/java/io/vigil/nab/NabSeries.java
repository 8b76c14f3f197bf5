package io.vigil.nab;

import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A NAB data file ({@code timestamp,value}) in file order: NAB scores rows by position, so rows are
 * neither sorted nor de-duplicated here. {@code key} is {@code <category>/<file name>}, as in the labels.
 */
record NabSeries(String key, Path path, long[] timestamps, float[] values) {

    int size() {
        return timestamps.length;
    }

    static NabSeries read(Path file, String key) throws IOException {
        List<long[]> ts = new ArrayList<>();
        List<Float> vs = new ArrayList<>();
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
            if (!parser.getHeaderMap().containsKey("timestamp") || !parser.getHeaderMap().containsKey("value")) {
                throw new InputException(name + ": a NAB data file has columns timestamp,value; found " + parser.getHeaderNames());
            }
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                try {
                    ts.add(new long[] {Timestamps.parse(rec.get("timestamp"))});
                } catch (IllegalArgumentException e) {
                    throw InputException.at(name, line, "timestamp \"" + rec.get("timestamp") + "\" is not a timestamp");
                }
                try {
                    float v = Float.parseFloat(rec.get("value"));
                    if (!Float.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    vs.add(v);
                } catch (NumberFormatException e) {
                    throw InputException.at(name, line, "column \"value\" is \"" + rec.get("value") + "\", expected a finite number");
                }
            }
        }
        long[] t = new long[ts.size()];
        float[] v = new float[vs.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ts.get(i)[0];
            v[i] = vs.get(i);
        }
        return new NabSeries(key, file, t, v);
    }

    /**
     * Labelled windows as inclusive row ranges, as NAB places them: from the first row at the window's
     * start to the first row at its end; a window not on exact timestamps snaps inwards.
     */
    List<int[]> rowWindows(List<long[]> windows) {
        List<int[]> out = new ArrayList<>();
        for (long[] w : windows) {
            int a = firstEqual(w[0]);
            int b = firstEqual(w[1]);
            if (a < 0 || b < 0) {
                a = -1;
                for (int i = 0; i < timestamps.length; i++) {
                    if (timestamps[i] >= w[0] && timestamps[i] <= w[1]) {
                        a = a < 0 ? i : a;
                        b = i;
                    }
                }
            }
            if (a >= 0 && b >= a) {
                out.add(new int[] {a, b});
            }
        }
        out.sort((x, y) -> Integer.compare(x[0], y[0]));
        return out;
    }

    private int firstEqual(long t) {
        for (int i = 0; i < timestamps.length; i++) {
            if (timestamps[i] == t) {
                return i;
            }
        }
        return -1;
    }
}
