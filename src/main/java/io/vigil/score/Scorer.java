package io.vigil.score;

/**
 * Scores full windows with a model: raw windows in ({@code count × T × F} floats, row-major), every
 * serving output back. The stream, the offline evaluator and the benchmarks use this interface, so a
 * pass-through or remote implementation can stand in for the SavedModel.
 */
public interface Scorer extends AutoCloseable {
    int window();

    int features();

    /** Scores the first {@code count} windows of {@code windows}. Thread-safe. */
    ScoreBatch score(float[] windows, int count);

    @Override
    void close();
}
