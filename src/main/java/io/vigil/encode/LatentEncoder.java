package io.vigil.encode;

import io.vigil.score.ScoreBatch;
import io.vigil.score.Scorer;
import io.vigil.train.BatchScoring;
import io.vigil.train.History;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Sequences;
import io.vigil.train.Windowing;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The latent vector of every sequence, or of every full gap-free window of a time series (hop 1, as
 * {@code evaluate} scores them), through the model's {@link Scorer} in batches: the same inference path
 * as scoring. Each vector goes to a {@link LatentWriter} with its id and label.
 */
public final class LatentEncoder {
    /** Sequences or windows per inference call. */
    static final int BATCH = 256;

    private LatentEncoder() {
    }

    /**
     * Encodes every sequence, padded ones with their lengths (the latent is the encoder's state after the
     * last real step); the id is its 0-based data row. Returns how many were written.
     */
    public static int encode(Scorer scorer, Sequences sequences, LatentWriter out) throws IOException {
        int stride = sequences.steps() * sequences.features();
        float[] batch = new float[Math.min(BATCH, Math.max(1, sequences.count())) * stride];
        for (int from = 0; from < sequences.count(); from += BATCH) {
            int count = Math.min(BATCH, sequences.count() - from);
            System.arraycopy(sequences.data(), from * stride, batch, 0, count * stride);
            ScoreBatch scores = scorer.score(batch, Arrays.copyOfRange(sequences.lengths(), from, from + count), count);
            for (int i = 0; i < count; i++) {
                int k = from + i;
                out.write(Integer.toString(sequences.rows()[k]), sequences.labels() == null ? null : sequences.labels()[k],
                        scores.latent(i));
            }
        }
        return sequences.count();
    }

    /** Encodes every full window of every series; the id is {@code series@windowEndMillis}. */
    public static int encode(Scorer scorer, History history, int window, Duration maxGap, LatentWriter out) throws IOException {
        int written = 0;
        for (SeriesHistory s : history.series()) {
            int[] ends = Windowing.windowEnds(s, window, maxGap);
            BatchScoring.score(scorer, s, ends, BATCH, (scores, input, first) -> {
                for (int i = 0; i < scores.count(); i++) {
                    out.write(s.id() + "@" + s.timestamps()[ends[first + i]], null, scores.latent(i));
                }
            });
            written += ends.length;
        }
        return written;
    }
}
