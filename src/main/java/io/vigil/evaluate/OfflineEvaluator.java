package io.vigil.evaluate;

import io.vigil.detect.AlertEvent;
import io.vigil.detect.AlertState;
import io.vigil.detect.Decision;
import io.vigil.detect.Detector;
import io.vigil.detect.QuantileCalibrator;
import io.vigil.detect.ScoringPolicy;
import io.vigil.detect.StreamingLikelihood;
import io.vigil.detect.WindowError;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.ScoreBatch;
import io.vigil.score.Scorer;
import io.vigil.train.History;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Windowing;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores history offline exactly as the stream does: every full gap-free window at hop 1, through the
 * model's {@link Scorer} in batches, then each series' windows in time order through one {@link Detector}
 * with its own alert state. Returns one result per input row.
 */
public final class OfflineEvaluator {
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
        ScoringPolicy policy = new ScoringPolicy(settings.calibration(),
                new Detector(settings.detector(), new QuantileCalibrator(meta.validationErrors()), meta.features()));
        Scorer scorer = model.scorer();
        int window = meta.window();
        int f = meta.features().size();
        int stride = window * f;
        List<RowResult> out = new ArrayList<>();
        float[] batch = new float[BATCH * stride];
        for (SeriesHistory s : history.series()) {
            int[] ends = Windowing.windowEnds(s, window, settings.maxGap());
            RowResult[] rows = new RowResult[s.size()];
            AlertState state = AlertState.initial();
            StreamingLikelihood.State likelihood = null;
            for (int from = 0; from < ends.length; from += BATCH) {
                int count = Math.min(BATCH, ends.length - from);
                for (int i = 0; i < count; i++) {
                    Windowing.copyWindow(s, ends[from + i], window, batch, i * stride);
                }
                ScoreBatch scores = scorer.score(batch, count);
                for (int i = 0; i < count; i++) {
                    int row = ends[from + i];
                    WindowError error = new WindowError(scores.windowError(i), scores.featureErrors(i), scores.featureResiduals(i, batch));
                    ScoringPolicy.Result result = policy.decide(s.id(), s.timestamps()[row], error, state, likelihood);
                    Decision d = result.decision();
                    likelihood = result.likelihoodState();
                    state = d.next();
                    rows[row] = new RowResult(s, row, true, error.error(), d.score(), d.anomalous(), d.event().orElse(null));
                }
            }
            for (int r = 0; r < rows.length; r++) {
                out.add(rows[r] != null ? rows[r] : new RowResult(s, r, false, Double.NaN, Double.NaN, false, null));
            }
        }
        return out;
    }
}
