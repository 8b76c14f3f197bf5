package io.vigil.detect;

/**
 * One series' scoring state held in memory — its alert state, its calibration state and its {@link DailyBaseline}
 * slots — for callers that score a whole series' windows in time order ({@code vigil evaluate}, the NAB harness).
 * The stream keeps the same three in its changelogged stores; all of them decide through the same
 * {@link ScoringPolicy}, so they agree window for window. Not thread-safe: one instance per series.
 */
public final class SeriesScoring {
    private final ScoringPolicy policy;
    private final String series;
    private AlertState alerts = AlertState.initial();
    private CalibrationState calibration;
    private final DailyBaseline.Slot[] slots = new DailyBaseline.Slot[DailyBaseline.SLOTS_PER_DAY];

    public SeriesScoring(ScoringPolicy policy, String series) {
        this.policy = policy;
        this.series = series;
    }

    /** The decision for the series' next window, ending at {@code windowEnd} (epoch ms); the state moves on. */
    public Decision decide(long windowEnd, WindowError e) {
        int slot = -1;
        DailyBaseline.Slot daily = null;
        if (policy.usesDailyBaseline()) {
            slot = policy.dailySlotOf(windowEnd);
            daily = slots[slot] == null ? DailyBaseline.Slot.EMPTY : slots[slot];
        }
        ScoringPolicy.Result result = policy.decide(series, windowEnd, e, alerts, calibration, daily);
        alerts = result.decision().next();
        calibration = result.state();
        if (result.slot() != null) {
            slots[slot] = result.slot();
        }
        return result.decision();
    }
}
