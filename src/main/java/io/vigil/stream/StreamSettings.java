package io.vigil.stream;

import java.time.Duration;
import java.util.Optional;

/**
 * What the topology needs to know, already validated: topic names, windowing, batching and limits.
 * Built from the run configuration and the model.
 */
public record StreamSettings(
        String inputTopic,
        String scoresTopic,
        String alertsTopic,
        String deadLetterTopic,
        Optional<String> embeddingsTopic,
        WindowSettings windows,
        int batchMax,
        Duration batchLinger,
        int recordMaxBytes,
        int deadLetterMaxValueBytes,
        Duration seriesIdleTtl) {

    public StreamSettings {
        if (batchMax < 1) {
            throw new IllegalArgumentException("batch.max must be at least 1");
        }
        if (batchLinger.isNegative()) {
            throw new IllegalArgumentException("batch.linger.ms must be 0 or more");
        }
    }
}
