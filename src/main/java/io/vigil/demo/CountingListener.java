package io.vigil.demo;

import io.vigil.stream.StreamListener;

/** Passes every stream event to the metrics, and tells the demo each time a window is scored. */
final class CountingListener implements StreamListener {
    private final StreamListener delegate;
    private final Runnable onScored;

    CountingListener(StreamListener delegate, Runnable onScored) {
        this.delegate = delegate;
        this.onScored = onScored;
    }

    @Override
    public void recordWindowed(int unknownFeatures) {
        delegate.recordWindowed(unknownFeatures);
    }

    @Override
    public void deadLettered(String reason) {
        delegate.deadLettered(reason);
    }

    @Override
    public void batchScored(int windows, long nanos) {
        delegate.batchScored(windows, nanos);
    }

    @Override
    public void windowScored(double score, boolean anomalous, long windowEnd) {
        delegate.windowScored(score, anomalous, windowEnd);
        onScored.run();
    }

    @Override
    public void alert(String status) {
        delegate.alert(status);
    }

    @Override
    public void seriesExpired(int count) {
        delegate.seriesExpired(count);
    }

    @Override
    public void taskGauges(String task, long activeSeries, long openAlerts) {
        delegate.taskGauges(task, activeSeries, openAlerts);
    }

    @Override
    public void taskClosed(String task) {
        delegate.taskClosed(task);
    }
}
