package io.vigil.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** PCA finds the directions of known spread, in order, with their share of the variance and a fixed sign. */
class PrincipalComponentsTest {
    @Test
    void componentsFollowTheDirectionsOfLargestSpread() {
        // 5-d points a*u + b*v + noise, with sd(a) = 3, sd(b) = 1 and u, v orthonormal.
        double[] u = {0.6, 0, -0.8, 0, 0};
        double[] v = {0, 1, 0, 0, 0};
        int n = 4000;
        float[] values = new float[n * 5];
        double[] a = new double[n];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) {
            a[i] = 3 * r.nextGaussian();
            double b = r.nextGaussian();
            for (int j = 0; j < 5; j++) {
                values[i * 5 + j] = (float) (a[i] * u[j] + b * v[j] + 0.05 * r.nextGaussian() + 2);
            }
        }
        Latents latents = new Latents("x", 5, n, new String[n], values, null);
        PrincipalComponents pca = PrincipalComponents.fit(latents, 2);
        double[] first = pca.component(0);
        double[] second = pca.component(1);
        // The largest entry is positive: u's -0.8 comes out as +0.8.
        for (int j = 0; j < 5; j++) {
            assertEquals(-u[j], first[j], 0.01, "first component, entry " + j);
            assertEquals(v[j], second[j], 0.01, "second component, entry " + j);
        }
        double total = 9 + 1 + 5 * 0.0025;
        assertEquals(9 / total, pca.explained(0), 0.03);
        assertEquals(1 / total, pca.explained(1), 0.01);

        double[][] xy = pca.project(latents);
        double mean = java.util.Arrays.stream(a).average().orElseThrow();
        for (int i = 0; i < n; i += 97) {
            assertEquals(-(a[i] - mean), xy[i][0], 0.2, "coordinate of point " + i);
        }
        assertTrue(Math.abs(xy[0][1]) < 5);
    }
}
