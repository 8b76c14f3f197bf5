package io.vigil.jmh;

import io.vigil.model.Cell;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training epoch of the T=32, F=4, H=32 autoencoder as {@code vigil train} runs it (batch 32, Adam,
 * one intra-op thread unless {@code threads} says otherwise), with each LSTM cell, on {@code windows} random
 * windows. The graph is built inside each call, as in a real run, so graph construction and the first call's
 * optimisation count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EpochBenchmark {
    static final int WINDOW = 32;
    static final int FEATURES = 4;
    static final int HIDDEN = 32;

    @Param({"8192"})
    public int windows;

    @Param({"32"})
    public int batch;

    @Param({"1"})
    public int threads;

    /** The training graph's LSTM cell (model.json's names); the trainer uses lstm-block. */
    @Param({"lstm-unrolled", "lstm-block"})
    public String cell;

    private ModelSpec spec;
    private float[] data;

    @Setup(Level.Trial)
    public void data() {
        data = InferenceBenchmark.randomWindows(windows, WINDOW, FEATURES, 11);
        spec = new ModelSpec(WINDOW, FEATURES, new int[] {HIDDEN}, new int[] {HIDDEN}, 0, ModelSpec.Variant.REPEAT, false,
                ModelSpec.OutputActivation.LINEAR, Normalization.zscore(new double[FEATURES], ones(FEATURES)));
    }

    @Benchmark
    public Trainer.Result epoch() {
        return Trainer.train(spec, data, windows, new float[0], 0, new Trainer.Settings(1, batch, 1e-3, 0, 1, threads),
                new Trainer.Listener() { }, Cell.parse(cell));
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }
}
