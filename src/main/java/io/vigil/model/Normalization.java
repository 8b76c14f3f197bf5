package io.vigil.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The per-feature affine map the graph applies to raw inputs: {@code normalised = (raw - center) / scale}.
 * It lives inside the graph so that callers always feed raw values. {@code zscore} uses the training
 * mean and standard deviation, {@code minmax} the training minimum and range, {@code scale} a fixed
 * divisor (e.g. 255 for pixel sequences). A constant feature gets scale 1 so it never divides by zero.
 */
public record Normalization(Method method, float[] center, float[] scale) {

    /** How center and scale were chosen. */
    public enum Method {
        ZSCORE, MINMAX, SCALE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method parse(String text) {
            return WireNames.parse(Method.class, text, "normalisation");
        }
    }

    /** Scales at or below this are treated as a constant feature. */
    static final double MIN_SCALE = 1e-12;

    public Normalization {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("normalisation has " + center.length + " centers but " + scale.length + " scales");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!Float.isFinite(center[i]) || !Float.isFinite(scale[i]) || scale[i] <= 0) {
                throw new IllegalArgumentException("normalisation of feature " + i + " is not finite and positive: center "
                        + center[i] + ", scale " + scale[i]);
            }
        }
        center = center.clone();
        scale = scale.clone();
    }

    public static Normalization zscore(double[] mean, double[] std) {
        return new Normalization(Method.ZSCORE, toFloats(mean), safeScales(std));
    }

    public static Normalization minmax(double[] min, double[] max) {
        double[] range = new double[min.length];
        for (int i = 0; i < range.length; i++) {
            range[i] = max[i] - min[i];
        }
        return new Normalization(Method.MINMAX, toFloats(min), safeScales(range));
    }

    public static Normalization fixedScale(int features, double divisor) {
        float[] center = new float[features];
        float[] scale = new float[features];
        Arrays.fill(scale, (float) divisor);
        return new Normalization(Method.SCALE, center, scale);
    }

    public int features() {
        return center.length;
    }

    private static float[] safeScales(double[] raw) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] > MIN_SCALE ? (float) raw[i] : 1f;
        }
        return out;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.method == method && Arrays.equals(n.center, center) && Arrays.equals(n.scale, scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * method.hashCode() + Arrays.hashCode(center)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return method.wireName() + Arrays.toString(center) + "/" + Arrays.toString(scale);
    }
}
