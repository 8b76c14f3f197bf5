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
import io.vigil.train.BatchScoring;
import io.vigil.train.History;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Windowing;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores history offline exactly as the stream does: every full gap-free window at hop 1, through the
 * model's {@link Scorer} in batches, then each series' windows in time order through one {@link Detector}
 * with its own alert state. Returns one result per input row.
 */
public final class OfflineEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineEvaluator.class);
    /** Windows per inference call. */
    static final int BATCH = 256;

    /** A scored row; {@code scored} is false for rows before the first full window. */
    public record RowResult(SeriesHistory series, int row, boolean scored, double error, double score, boolean anomalous,
                            AlertEvent alert) {
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
        for (SeriesHistory s : history.series()) {
            int[] ends = Windowing.windowEnds(s, meta.window(), settings.maxGap());
            RowResult[] rows = new RowResult[s.size()];
            BatchScoring.score(model.scorer(), s, ends, BATCH, new SeriesDecisions(s, ends, policy, scale, rows)::accept);
            for (int r = 0; r < rows.length; r++) {
                out.add(rows[r] != null ? rows[r] : new RowResult(s, r, false, Double.NaN, Double.NaN, false, null));
            }
        }
        return out;
    }

    /** One series' scored windows, in time order, through the policy with the series' own state, as the stream keeps it. */
    private static final class SeriesDecisions {
        private final SeriesHistory series;
        private final int[] ends;
        private final float[] scale;
        private final RowResult[] rows;
        private final SeriesScoring state;

        SeriesDecisions(SeriesHistory series, int[] ends, ScoringPolicy policy, float[] scale, RowResult[] rows) {
            this.series = series;
            this.ends = ends;
            this.scale = scale;
            this.rows = rows;
            this.state = new SeriesScoring(policy, series.id());
        }

        void accept(ScoreBatch scores, float[] input, int first) {
            for (int i = 0; i < scores.count(); i++) {
                int row = ends[first + i];
                WindowError error = BatchScoring.windowError(scores, i, input, scale);
                Decision d = state.decide(series.timestamps()[row], error);
                rows[row] = new RowResult(series, row, true, error.error(), d.score(), d.anomalous(), d.event().orElse(null));
            }
        }
    }
}
