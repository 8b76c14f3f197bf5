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

    /** Whether the model takes padded windows; models exported before variable-length sequences do not. */
    boolean acceptsLengths();

    @Override
    void close();
}
