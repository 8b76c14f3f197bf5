package io.vigil.telemetry;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validated telemetry point of one series. {@code values} is in the model's feature order,
 * with {@code NaN} where the record did not carry that feature (absent or JSON {@code null});
 * {@code present} counts the model features it did carry (at least one), and
 * {@code unknownFeatures} counts features the model does not know, which were ignored. The array
 * is handed over, not copied, to keep the hot path free of copies: do not modify it.
 */
public record TelemetryRecord(String series, long timestamp, double[] values, int present, int unknownFeatures) {
    public TelemetryRecord {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetryRecord r
                && series.equals(r.series) && timestamp == r.timestamp && Arrays.equals(values, r.values)
                && present == r.present && unknownFeatures == r.unknownFeatures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, timestamp, Arrays.hashCode(values), present, unknownFeatures);
    }

    @Override
    public String toString() {
        return "TelemetryRecord[series=" + series + ", timestamp=" + Timestamps.format(timestamp)
                + ", values=" + Arrays.toString(values) + ", present=" + present
                + ", unknownFeatures=" + unknownFeatures + "]";
    }
}
