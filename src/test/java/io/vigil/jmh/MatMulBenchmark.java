package io.vigil.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * This machine's practical FLOP rate: one large float32 MatMul in a TensorFlow session with default
 * threading, the operands constant on the device side so only the product is timed. The {@code flops}
 * counter is 2n³ per call; {@link InferenceBenchmark}'s windows/s is put in proportion to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatMulBenchmark {
    @Param({"1024"})
    public int n;

    private Graph graph;
    private Session session;
    private String product;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;
    }

    @Setup(Level.Trial)
    public void build() {
        graph = new Graph();
        Ops tf = Ops.create(graph);
        Operand<TFloat32> a = tf.random.randomUniform(tf.constant(new long[] {n, n}), TFloat32.class);
        Operand<TFloat32> b = tf.random.randomUniform(tf.constant(new long[] {n, n}), TFloat32.class);
        // Variables hold the operands, so each call is the product alone, not the random numbers too.
        var va = tf.variable(a);
        var vb = tf.variable(b);
        Operand<TFloat32> c = tf.sum(tf.linalg.matMul(va, vb), tf.constant(new int[] {0, 1}));
        product = c.op().name();
        session = new Session(graph);
        session.initialize();
        session.runner().fetch(product).run().close();
    }

    @TearDown(Level.Trial)
    public void close() {
        session.close();
        graph.close();
    }

    @Benchmark
    public float matMul(Flops counter) {
        counter.flops += 2L * n * n * n;
        try (var result = session.runner().fetch(product).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }
}
