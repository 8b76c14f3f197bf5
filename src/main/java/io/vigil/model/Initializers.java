package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Initial parameter values computed in Java from a seed, so a training run is reproducible and does
 * not depend on TensorFlow's random kernels. Each parameter draws from its own generator seeded by the
 * run seed and the parameter's name, so adding a layer does not reshuffle the others.
 */
public final class Initializers {
    private Initializers() {
    }

    public static float[] values(long seed, String name, long[] shape, Init init) {
        int size = 1;
        for (long d : shape) {
            size = Math.multiplyExact(size, (int) d);
        }
        Random random = new Random(seed * 1_000_003L + fnv(name));
        float[] out = new float[size];
        switch (init) {
            case ZEROS -> { }
            case GLOROT_UNIFORM -> {
                long fanIn = shape.length >= 2 ? shape[0] : size;
                long fanOut = shape.length >= 2 ? shape[1] : size;
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < size; i++) {
                    out[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            case ORTHOGONAL -> orthogonal(random, (int) shape[0], (int) shape[1], out);
            case LSTM_BIAS -> {
                int hidden = size / 4;
                for (int i = hidden; i < 2 * hidden; i++) {
                    out[i] = 1f;
                }
            }
            default -> throw new IllegalStateException("unhandled init " + init);
        }
        return out;
    }

    /** Rows x cols with orthonormal rows (rows <= cols) or columns, via Gram-Schmidt on Gaussian vectors. */
    private static void orthogonal(Random random, int rows, int cols, float[] out) {
        boolean wide = rows <= cols;
        int n = wide ? rows : cols;    // number of orthonormal vectors
        int len = wide ? cols : rows;  // their length
        double[][] v = new double[n][len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < len; j++) {
                v[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < len; j++) {
                    dot += v[i][j] * v[k][j];
                }
                for (int j = 0; j < len; j++) {
                    v[i][j] -= dot * v[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < len; j++) {
                norm += v[i][j] * v[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < len; j++) {
                v[i][j] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (wide ? v[r][c] : v[c][r]);
            }
        }
    }

    private static long fnv(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
