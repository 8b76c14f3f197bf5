package io.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bench's telemetry: {@code series} series of the model's features, each a daily cycle with its own
 * phase plus noise around the model's normalisation centre, so the model sees values like its training
 * data. Records come round-robin over the series (point 0 of every series, then point 1, ...), as a
 * fleet reporting on a common clock does. Deterministic for a seed.
 */
final class SyntheticLoad {
    /** Points per simulated day: one point every five minutes. */
    static final int POINTS_PER_DAY = 288;
    private static final double NOISE = 0.1;

    private final int series;
    private final List<String> features;
    private final float[] center;
    private final float[] scale;
    private final double[] phase;
    private final byte[][] keys;
    private final SplittableRandom random;

    SyntheticLoad(int series, List<String> features, float[] center, float[] scale, long seed) {
        this.series = series;
        this.features = List.copyOf(features);
        this.center = center.clone();
        this.scale = scale.clone();
        this.random = new SplittableRandom(seed);
        this.phase = new double[series];
        this.keys = new byte[series][];
        for (int s = 0; s < series; s++) {
            phase[s] = random.nextDouble() * 2 * Math.PI;
            keys[s] = seriesId(s).getBytes(StandardCharsets.UTF_8);
        }
    }

    static String seriesId(int s) {
        return "host-" + s;
    }

    int series() {
        return series;
    }

    /** The series that record number {@code i} belongs to. */
    int seriesOf(long i) {
        return (int) (i % series);
    }

    /** The point number within its series of record number {@code i}. */
    long stepOf(long i) {
        return i / series;
    }

    byte[] key(int s) {
        return keys[s];
    }

    /** The JSON value of point {@code step} of series {@code s}, stamped {@code ts} (epoch ms). */
    byte[] value(int s, long step, long ts) {
        StringBuilder json = new StringBuilder(32 + features.size() * 24);
        json.append("{\"ts\":").append(ts).append(",\"values\":{");
        double cycle = Math.sin(2 * Math.PI * step / POINTS_PER_DAY + phase[s]);
        for (int f = 0; f < features.size(); f++) {
            double v = center[f] + scale[f] * (0.5 * cycle + NOISE * random.nextGaussian());
            if (f > 0) {
                json.append(',');
            }
            json.append('"').append(features.get(f)).append("\":").append((float) v);
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
