package io.vigil.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vigil.detect.Calibration;
import io.vigil.stream.BoundedRocksDbMemory;
import java.nio.file.Path;

/**
 * What {@code vigil bench} runs: how much telemetry for how many series, how the detector is set up, and
 * how long the latency run lasts. Validated here so the command line gets one clear message per mistake.
 *
 * @param records         telemetry records loaded before the throughput runs; 0 means the default,
 *                        {@value #DEFAULT_RECORDS} or enough for {@link #MIN_WINDOWS_PER_SERIES} windows per
 *                        series if that is more
 * @param series          distinct series, records spread round-robin over them
 * @param partitions      partitions of every topic the bench creates
 * @param threads         Kafka Streams threads ({@code kafka.num.stream.threads})
 * @param batchMax        {@code batch.max}
 * @param batchLingerMs   {@code batch.linger.ms}
 * @param commitIntervalMs Kafka Streams' {@code commit.interval.ms} under exactly-once; 0 leaves its default (100 ms)
 * @param latencySeconds  how long each latency run measures, after its warm-up; 0 skips the latency runs
 * @param latencyRate     records/s of the latency runs; 0 means half the model run's throughput
 * @param modelDir        the model to score with
 * @param calibration     the detector's {@code calibration}: the stateful methods read and write per-series stores for
 *                        every window, which is what a bench with them measures; in the JSON once, as the figures'
 *                        {@code calibration}, by its config name
 * @param rocksDbMemoryMaxBytes the detector's {@code rocksdb.memory.max.bytes}; 0 leaves RocksDB unbounded (the default)
 */
public record BenchSettings(long records, int series, int partitions, int threads, int batchMax, int batchLingerMs,
                            int commitIntervalMs, int latencySeconds, double latencyRate, Path modelDir,
                            @JsonIgnore Calibration calibration, long rocksDbMemoryMaxBytes) {
    public static final long DEFAULT_RECORDS = 1_000_000;
    public static final int DEFAULT_SERIES = 1_000;
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_LATENCY_SECONDS = 30;
    /** Each series must fill its window and then be scored a few times for the run to mean anything. */
    public static final int MIN_WINDOWS_PER_SERIES = 8;

    public BenchSettings {
        if (records < 0) {
            throw new IllegalArgumentException("--records must be 0 (default) or more, got " + records);
        }
        if (series < 1) {
            throw new IllegalArgumentException("--series must be at least 1, got " + series);
        }
        if (partitions < 1 || threads < 1) {
            throw new IllegalArgumentException("--partitions and --threads must be at least 1");
        }
        if (batchMax < 1 || batchLingerMs < 0) {
            throw new IllegalArgumentException("--batch-max must be at least 1 and --batch-linger-ms at least 0");
        }
        if (commitIntervalMs < 0) {
            throw new IllegalArgumentException("--commit-interval-ms must be 0 (Kafka Streams' default) or more, got " + commitIntervalMs);
        }
        if (!(latencyRate >= 0) || Double.isInfinite(latencyRate)) {
            throw new IllegalArgumentException("--latency-rate must be 0 (half the model's throughput) or more, got " + latencyRate);
        }
        if (latencySeconds < 0) {
            throw new IllegalArgumentException("--latency-seconds must be 0 (skip) or more, got " + latencySeconds);
        }
        if (rocksDbMemoryMaxBytes != 0 && rocksDbMemoryMaxBytes < BoundedRocksDbMemory.MIN_BYTES) {
            throw new IllegalArgumentException("--rocksdb-memory-max-bytes must be 0 (unbounded) or at least "
                    + BoundedRocksDbMemory.MIN_BYTES + " (16 MiB), got " + rocksDbMemoryMaxBytes);
        }
        if (calibration == null) {
            throw new IllegalArgumentException("--calibration is required, one of " + Calibration.names());
        }
    }

    /** {@code --calibration}'s value, read as the config key {@code calibration} is; a mistake names the option. */
    public static Calibration calibration(String text) {
        try {
            return Calibration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage(), e);
        }
    }

    /** The records to load for a model of this window length; an explicit count too small to score every series is refused. */
    public long recordsFor(int window) {
        long needed = (long) series * (window - 1 + MIN_WINDOWS_PER_SERIES);
        if (records == 0) {
            return Math.max(DEFAULT_RECORDS, needed);
        }
        if (records < needed) {
            throw new IllegalArgumentException("--records " + records + " is too few for " + series + " series and window " + window
                    + ": each series needs " + (window - 1 + MIN_WINDOWS_PER_SERIES) + " points (" + needed + " records)");
        }
        return records;
    }
}
