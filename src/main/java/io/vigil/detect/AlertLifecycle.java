package io.vigil.detect;

import java.util.List;
import java.util.Optional;

/**
 * The alert state machine for one series: {@code openAfter} consecutive anomalous windows open an
 * alert dated from the first of them; while open, anomalous windows move its last-anomalous time
 * and peak; {@code closeAfter} consecutive normal windows resolve it. A normal window before the
 * alert opens discards the pending run, so an interrupted run never opens.
 */
final class AlertLifecycle {

    /** The next state and the event, if the window opened or resolved an alert. */
    record Step(AlertState next, Optional<AlertEvent> event) {
    }

    private final DetectorConfig config;

    AlertLifecycle(DetectorConfig config) {
        this.config = config;
    }

    Step next(String series, long windowEnd, double score, boolean anomalous,
              List<FeatureContribution> features, AlertState state) {
        int anomalousRun = anomalous ? increment(state.anomalousRun()) : 0;
        int normalRun = anomalous ? 0 : increment(state.normalRun());
        AlertState.Open open = state.open();
        if (open == null) {
            return anomalous
                    ? pendingAnomalous(series, windowEnd, score, features, state, anomalousRun)
                    : new Step(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, null,
                            state.alertsOpened()), Optional.empty());
        }
        if (anomalous) {
            AlertState.Open updated = score > open.peakScore()
                    ? new AlertState.Open(open.alertId(), open.openedAt(), windowEnd, score,
                            config.severityOf(score), features)
                    : new AlertState.Open(open.alertId(), open.openedAt(), windowEnd, open.peakScore(),
                            open.severity(), open.peakFeatures());
            return new Step(new AlertState(AlertState.FORMAT_VERSION, anomalousRun, 0, null, updated,
                    state.alertsOpened()), Optional.empty());
        }
        if (normalRun < config.closeAfter()) {
            return new Step(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, open,
                    state.alertsOpened()), Optional.empty());
        }
        AlertEvent resolved = event(series, AlertEvent.RESOLVED, open, windowEnd);
        return new Step(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, null,
                state.alertsOpened()), Optional.of(resolved));
    }

    private Step pendingAnomalous(String series, long windowEnd, double score,
                                  List<FeatureContribution> features, AlertState state, int anomalousRun) {
        AlertState.Run run = state.pending();
        if (run == null) {
            run = new AlertState.Run(windowEnd, score, features);
        } else if (score > run.peakScore()) {
            run = new AlertState.Run(run.startedAt(), score, features);
        }
        if (anomalousRun < config.openAfter()) {
            return new Step(new AlertState(AlertState.FORMAT_VERSION, anomalousRun, 0, run, null,
                    state.alertsOpened()), Optional.empty());
        }
        AlertState.Open open = new AlertState.Open(alertId(series, run.startedAt()), run.startedAt(), windowEnd,
                run.peakScore(), config.severityOf(run.peakScore()), run.peakFeatures());
        return new Step(new AlertState(AlertState.FORMAT_VERSION, anomalousRun, 0, null, open,
                state.alertsOpened() + 1), Optional.of(event(series, AlertEvent.OPEN, open, null)));
    }

    /** Deterministic: replaying the same windows from scratch gives the same id. */
    static String alertId(String series, long openedAt) {
        return series + "-" + openedAt;
    }

    private static AlertEvent event(String series, String status, AlertState.Open open, Long resolvedAt) {
        return new AlertEvent(open.alertId(), series, status, open.openedAt(), open.lastAnomalousAt(), resolvedAt,
                open.peakScore(), open.severity(), open.peakFeatures());
    }

    /** Run lengths saturate rather than overflow on a series that stays normal for years. */
    private static int increment(int run) {
        return run == Integer.MAX_VALUE ? run : run + 1;
    }
}
