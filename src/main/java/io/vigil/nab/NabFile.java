package io.vigil.nab;

import java.util.List;

/**
 * One scored NAB data file: an anomaly score per row (in file order), the first scorable row (the end of
 * the probationary period) and the labelled windows as inclusive row ranges, sorted.
 */
public record NabFile(String key, double[] scores, int first, List<int[]> windows) {
    /** NAB's probationary period: 15% of the rows, at most 15% of 5000. */
    public static int probation(int rows) {
        return (int) Math.ceil(Math.min(Math.floor(0.15 * rows), 0.15 * 5000));
    }

    public String category() {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
