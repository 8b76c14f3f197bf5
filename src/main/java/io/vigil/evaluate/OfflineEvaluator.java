package io.vigil.evaluate;

import io.vigil.detect.AlertEvent;
import io.vigil.detect.Decision;
import io.vigil.detect.Detector;
import io.vigil.detect.ScoringPolicy;
import io.vigil.detect.SeriesScoring;
import io.vigil.detect.WindowError;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.ScoreBatch;
import io.vigil.stream.WindowSettings;
import io.vigil.train.BatchScoring;
import io.vigil.train.History;
import io.vigil.train.SeriesHistory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores history offline exactly as the stream does: each series' rows replayed through the stream's own window
 * ({@link io.vigil.stream.SeriesReplay}), so the windows scored are the stream's — restarted or filled at a gap as
 * {@code gap.policy} says, every {@code window.hop}-th point, a repeated timestamp skipped — through the model's
 * {@link io.vigil.score.Scorer} in batches, then in time order through one {@link Detector} with the series' own
 * state. Returns one result per input row; a row that ends no scored window is not {@code scored}.
 */
public final class OfflineEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineEvaluator.class);
    /** Windows per inference call. */
    static final int BATCH = 256;

    /**
     * A row; {@code scored} is false for a row that ends no scored window (before the first full window, between
     * hops); {@code imputed} is true when the row's window holds steps filled into a gap ({@code gap.policy=carry}).
     */
    public record RowResult(SeriesHistory series, int row, boolean scored, double error, double score, boolean anomalous,
                            AlertEvent alert, boolean imputed) {
    }

    private OfflineEvaluator() {
    }

    public static List<RowResult> evaluate(LoadedModel model, History history, EvaluationSettings settings) {
        ModelMetadata meta = model.metadata();
        ScoringPolicy policy = ScoringPolicy.of(settings.calibration(), settings.detector(), meta.validationErrors(), meta.features(),
                meta.trainingRanges());
        policy.detector().warnings().forEach(w -> LOG.warn("model {} {}: {}", meta.name(), meta.version(), w));
        float[] scale = meta.normalization().scale();
        List<RowResult> out = new ArrayList<>();
        WindowSettings windows = settings.windows(meta);
        for (SeriesHistory s : history.series()) {
            RowResult[] rows = new RowResult[s.size()];
            ReplayedWindows.score(model.scorer(), s, windows, BATCH, new SeriesDecisions(s, policy, scale, rows)::accept);
            for (int r = 0; r < rows.length; r++) {
                out.add(rows[r] != null ? rows[r] : new RowResult(s, r, false, Double.NaN, Double.NaN, false, null, false));
            }
        }
        return out;
    }

    /** One series' scored windows, in time order, through the policy with the series' own state, as the stream keeps it. */
    private static final class SeriesDecisions {
        private final SeriesHistory series;
        private final float[] scale;
        private final RowResult[] rows;
        private final SeriesScoring state;

        SeriesDecisions(SeriesHistory series, ScoringPolicy policy, float[] scale, RowResult[] rows) {
            this.series = series;
            this.scale = scale;
            this.rows = rows;
            this.state = new SeriesScoring(policy, series.id());
        }

        void accept(ScoreBatch scores, float[] input, int[] endRows, boolean[] imputed) {
            for (int i = 0; i < scores.count(); i++) {
                int row = endRows[i];
                WindowError error = BatchScoring.windowError(scores, i, input, scale);
                Decision d = state.decide(series.timestamps()[row], error);
                rows[row] = new RowResult(series, row, true, error.error(), d.score(), d.anomalous(), d.event().orElse(null),
                        imputed[i]);
            }
        }
    }
}
