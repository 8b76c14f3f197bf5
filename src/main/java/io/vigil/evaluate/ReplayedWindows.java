package io.vigil.evaluate;

import io.vigil.score.ScoreBatch;
import io.vigil.score.Scorer;
import io.vigil.stream.SeriesReplay;
import io.vigil.stream.WindowSettings;
import io.vigil.train.SeriesHistory;
import java.util.Arrays;

/**
 * Scores the windows the stream would score for one series: its rows replayed through {@link SeriesReplay} (the
 * stream's own window), the due windows through the model {@code batchSize} at a time, with each step's time. Each
 * scored batch goes to the handler with the rows its windows end at.
 */
final class ReplayedWindows {
    /** Receives one scored batch: its outputs, its input windows, the row each window ends at and whether it holds imputed steps. */
    @FunctionalInterface
    interface Handler {
        void accept(ScoreBatch scores, float[] input, int[] endRows, boolean[] imputed);
    }

    private ReplayedWindows() {
    }

    static void score(Scorer scorer, SeriesHistory s, WindowSettings windows, int batchSize, Handler handler) {
        int stride = windows.window() * windows.features();
        float[] batch = new float[batchSize * stride];
        long[] times = new long[batchSize * windows.window()];
        int[] rows = new int[batchSize];
        boolean[] imputed = new boolean[batchSize];
        int count = 0;
        SeriesReplay replay = new SeriesReplay(s.id(), windows);
        double[] point = new double[windows.features()];
        for (int row = 0; row < s.size(); row++) {
            float[] values = s.values()[row];
            for (int f = 0; f < point.length; f++) {
                point[f] = values[f];
            }
            SeriesReplay.Window due = replay.offer(s.timestamps()[row], point).orElse(null);
            if (due == null) {
                continue;
            }
            System.arraycopy(due.values(), 0, batch, count * stride, stride);
            System.arraycopy(due.times(), 0, times, count * windows.window(), windows.window());
            rows[count] = row;
            imputed[count++] = due.imputed();
            if (count == batchSize) {
                handler.accept(scorer.score(batch, times, count), batch, rows.clone(), imputed.clone());
                count = 0;
            }
        }
        if (count > 0) {
            handler.accept(scorer.score(batch, times, count), batch, Arrays.copyOf(rows, count), Arrays.copyOf(imputed, count));
        }
    }
}
