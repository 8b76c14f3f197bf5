package io.vigil.stream;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-window cost of writing a pending window (the caching store serialises it on every put, once per
 * queued window), in the demo model's shape (32 steps of 4 features): a regular series' window, whose format 3
 * bytes carry no step times, against an irregular one's, which list them as format 2 always did. Here, not in
 * {@code io.vigil.jmh}, because the record is package-private: run it with
 * {@code mvn -B -P jmh verify -Djmh.args="PendingWindowBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PendingWindowBenchmark {
    private static final int WINDOW = 32;
    private static final int FEATURES = 4;
    private static final long T0 = 1_732_356_900_000L;
    private static final long STEP = 60_000L;
    private final PendingWindow regular = window(0);
    private final PendingWindow irregular = window(1);

    /** A window of evenly spaced steps, but for step 10, {@code late} ms late. */
    private static PendingWindow window(long late) {
        long[] times = new long[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            times[i] = T0 + i * STEP;
        }
        times[10] += late;
        float[] values = new float[WINDOW * FEATURES];
        Arrays.fill(values, 0.5f);
        return new PendingWindow("web-1", times[0], times[WINDOW - 1], false, WINDOW, FEATURES, values, times);
    }

    @Benchmark
    public byte[] writeRegular() {
        return regular.toBytes();
    }

    @Benchmark
    public byte[] writeIrregular() {
        return irregular.toBytes();
    }
}
