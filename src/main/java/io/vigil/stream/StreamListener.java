package io.vigil.stream;

/**
 * What the stream reports as it works, for metrics. Called on stream threads: implementations must be
 * thread-safe and cheap. {@link #NONE} ignores everything.
 */
public interface StreamListener {
    StreamListener NONE = new StreamListener() { };

    default void recordWindowed(int unknownFeatures) {
    }

    default void deadLettered(String reason) {
    }

    default void batchScored(int windows, long nanos) {
    }

    default void windowScored(double score, boolean anomalous, long windowEnd) {
    }

    default void alert(String status) {
    }

    default void seriesExpired(int count) {
    }

    /**
     * A task's live state, reported when it starts (counted from its restored stores) and then every
     * {@code DetectorProcessor.GAUGE_INTERVAL}: series holding a window, and series with an open alert.
     * A later report for the same task replaces the earlier one.
     */
    default void taskGauges(String task, long activeSeries, long openAlerts) {
    }

    /** The task left this instance (closed, revoked or migrated): forget what it reported. */
    default void taskClosed(String task) {
    }
}
