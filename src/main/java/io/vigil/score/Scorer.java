package io.vigil.score;

/**
 * Scores windows with a model: raw windows in ({@code count × T × F} floats, row-major), every serving
 * output back. A window is full (T real steps) unless lengths say it is a sequence padded after its
 * {@code lengths[i]} real steps. The stream, the offline evaluator and the benchmarks use this
 * interface, so a pass-through or remote implementation can stand in for the SavedModel.
 */
public interface Scorer extends AutoCloseable {
    int window();

    int features();

    /** Scores the first {@code count} windows of {@code windows}, all full. Thread-safe. */
    default ScoreBatch score(float[] windows, int count) {
        return score(windows, null, count);
    }

    /**
     * Scores the first {@code count} windows, window {@code i} having {@code lengths[i]} real steps (1..T)
     * and padding after them; {@code lengths} null means all full. Padding counts in no error, and its
     * reconstruction and step errors are zero. Thread-safe.
     */
    ScoreBatch score(float[] windows, int[] lengths, int count);

    /**
     * Checks a batch's shape before scoring: at least one window, and {@code windows} holding {@code count}
     * windows of {@code window × features} values. Returns the number of values those windows take.
     */
    static int requireWindows(float[] windows, int count, int window, int features) {
        if (count <= 0) {
            throw new IllegalArgumentException("nothing to score");
        }
        long size = (long) count * window * features;
        if (windows.length < size) {
            throw new IllegalArgumentException("need " + size + " values for " + count + " windows, got " + windows.length);
        }
        return (int) size;
    }

    /** Whether the model takes padded windows; models exported before variable-length sequences do not. */
    boolean acceptsLengths();

    @Override
    void close();
}
