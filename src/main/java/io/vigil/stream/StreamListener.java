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
}
