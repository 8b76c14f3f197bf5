package io.vigil.detect;

import java.util.List;
import java.util.Optional;

/**
 * The alert state machine for one series: {@code openAfter} consecutive anomalous windows open an
 * alert dated from the first of them; while open, anomalous windows move its last-anomalous time
 * and peak; {@code closeAfter} consecutive normal windows resolve it. A normal window before the
 * alert opens discards the pending run, so an interrupted run never opens. For {@code cooldown}
 * windows after a resolution, anomalous windows do not count toward a new alert, so one restless
 * episode yields one alert rather than a string of them. Every window counts toward the warm-up.
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
        int scored = increment(state.windowsScored());
        AlertState.Open open = state.open();
        if (open == null) {
            boolean inCooldown = state.cooldownRemaining() > 0;
            if (anomalous && !inCooldown) {
                return pendingAnomalous(series, windowEnd, score, features, state, scored);
            }
            // An anomalous window in the cooldown is neither counted nor normal: both runs restart after it.
            int normalRun = anomalous ? 0 : increment(state.normalRun());
            int cooldown = inCooldown ? state.cooldownRemaining() - 1 : 0;
            return quiet(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, null, state.alertsOpened(),
                    cooldown, scored));
        }
        if (anomalous) {
            AlertState.Open updated = score > open.peakScore()
                    ? new AlertState.Open(open.alertId(), open.openedAt(), windowEnd, score,
                            config.severityOf(score), features)
                    : new AlertState.Open(open.alertId(), open.openedAt(), windowEnd, open.peakScore(),
                            open.severity(), open.peakFeatures());
            return quiet(new AlertState(AlertState.FORMAT_VERSION, increment(state.anomalousRun()), 0, null, updated,
                    state.alertsOpened(), 0, scored));
        }
        int normalRun = increment(state.normalRun());
        if (normalRun < config.closeAfter()) {
            return quiet(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, open, state.alertsOpened(),
                    0, scored));
        }
        AlertEvent resolved = event(series, AlertEvent.RESOLVED, open, windowEnd);
        return new Step(new AlertState(AlertState.FORMAT_VERSION, 0, normalRun, null, null, state.alertsOpened(),
                config.cooldown(), scored), Optional.of(resolved));
    }

    private Step pendingAnomalous(String series, long windowEnd, double score, List<FeatureContribution> features,
                                  AlertState state, int scored) {
        int anomalousRun = increment(state.anomalousRun());
        AlertState.Run run = state.pending();
        if (run == null) {
            run = new AlertState.Run(windowEnd, score, features);
        } else if (score > run.peakScore()) {
            run = new AlertState.Run(run.startedAt(), score, features);
        }
        if (anomalousRun < config.openAfter()) {
            return quiet(new AlertState(AlertState.FORMAT_VERSION, anomalousRun, 0, run, null, state.alertsOpened(),
                    0, scored));
        }
        AlertState.Open open = new AlertState.Open(alertId(series, run.startedAt()), run.startedAt(), windowEnd,
                run.peakScore(), config.severityOf(run.peakScore()), run.peakFeatures());
        return new Step(new AlertState(AlertState.FORMAT_VERSION, anomalousRun, 0, null, open,
                state.alertsOpened() + 1, 0, scored), Optional.of(event(series, AlertEvent.OPEN, open, null)));
    }

    /** Deterministic: replaying the same windows from scratch gives the same id. */
    static String alertId(String series, long openedAt) {
        return series + "-" + openedAt;
    }

    private static Step quiet(AlertState next) {
        return new Step(next, Optional.empty());
    }

    private static AlertEvent event(String series, String status, AlertState.Open open, Long resolvedAt) {
        return new AlertEvent(open.alertId(), series, status, open.openedAt(), open.lastAnomalousAt(), resolvedAt,
                open.peakScore(), open.severity(), open.peakFeatures());
    }

    /** Counters saturate rather than overflow on a series that runs for years. */
    private static int increment(int run) {
        return run == Integer.MAX_VALUE ? run : run + 1;
    }
}
