package io.vigil.metrics;

import io.vigil.stream.StreamListener;

/**
 * The stream's events turned into meters. Stream threads call it on every record and every scored
 * window, so it only increments counters and records into histograms, all lock-free in Micrometer.
 */
final class MeteringListener implements StreamListener {
    private final RecordMetrics records;
    private final InferenceMetrics inference;
    private final ScoreMetrics scores;
    private final StateMetrics state;

    MeteringListener(RecordMetrics records, InferenceMetrics inference, ScoreMetrics scores, StateMetrics state) {
        this.records = records;
        this.inference = inference;
        this.scores = scores;
        this.state = state;
    }

    @Override
    public void recordWindowed(int unknownFeatures) {
        records.windowed();
    }

    @Override
    public void deadLettered(String reason) {
        records.deadLettered(reason);
    }

    @Override
    public void batchScored(int windows, long nanos) {
        inference.batchScored(windows, nanos);
    }

    @Override
    public void windowScored(double score, boolean anomalous, long windowEnd) {
        scores.windowScored(score, anomalous, windowEnd);
    }

    @Override
    public void alert(String status) {
        scores.alert(status);
    }

    @Override
    public void taskGauges(String task, long activeSeries, long openAlerts) {
        state.taskGauges(task, activeSeries, openAlerts);
    }

    @Override
    public void taskClosed(String task) {
        state.taskClosed(task);
    }
}
