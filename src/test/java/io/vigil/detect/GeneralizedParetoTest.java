package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The maximum-likelihood fit recovers known tails: heavy (Pareto), exponential and short (bounded). */
class GeneralizedParetoTest {
    static final int N = 20_000;

    /** The excesses of {@code sample} over its {@code level} quantile, and that threshold. */
    static double[] excessesOver(double[] sample, double level, double[] threshold) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double t = sorted[(int) (level * sorted.length)];
        threshold[0] = t;
        return Arrays.stream(sorted).filter(v -> v > t).map(v -> v - t).toArray();
    }

    @Test
    void paretoTailHasShapeOneOverAlpha() {
        // Lomax(alpha 3): P(X > x) = (1 + x)^-3; over t its excesses are GPD(shape 1/3, scale (1 + t)/3)
        Random r = new Random(1);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.pow(1 - r.nextDouble(), -1.0 / 3) - 1;
        }
        double[] t = new double[1];
        GeneralizedPareto fit = GeneralizedPareto.fit(excessesOver(x, 0.98, t));
        assertEquals(1.0 / 3, fit.shape(), 0.08);
        assertEquals((1 + t[0]) / 3, fit.scale(), 0.15 * (1 + t[0]) / 3);
    }

    @Test
    void exponentialTailHasShapeZeroAndItsMeanAsScale() {
        Random r = new Random(2);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = -2 * Math.log(1 - r.nextDouble());
        }
        GeneralizedPareto fit = GeneralizedPareto.fit(excessesOver(x, 0.98, new double[1]));
        assertEquals(0, fit.shape(), 0.08);
        assertEquals(2, fit.scale(), 0.2);
    }

    @Test
    void boundedTailHasANegativeShape() {
        // GPD(shape -0.25, scale 1) drawn by inversion: y = scale/shape * (u^-shape - 1), end point at 4
        Random r = new Random(3);
        double[] y = new double[2_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 / -0.25 * (Math.pow(1 - r.nextDouble(), 0.25) - 1);
        }
        GeneralizedPareto fit = GeneralizedPareto.fit(y);
        assertEquals(-0.25, fit.shape(), 0.05);
        assertEquals(1, fit.scale(), 0.08);
    }

    /** Exact quantiles of a known GPD give back its parameters, whatever the tail. */
    @Test
    void quantileFitRecoversTheDistribution() {
        for (GeneralizedPareto g : new GeneralizedPareto[] {new GeneralizedPareto(0.4, 1.5), new GeneralizedPareto(0, 2),
                new GeneralizedPareto(-0.3, 0.7)}) {
            double[] survival = new double[19];
            double[] excess = new double[19];
            for (int k = 0; k < 19; k++) {
                survival[k] = 1 - (k + 1) / 20.0;
                excess[k] = g.excessAt(survival[k]);
            }
            GeneralizedPareto fit = GeneralizedPareto.fitQuantiles(excess, survival);
            assertEquals(g.shape(), fit.shape(), 1e-4, g.toString());
            assertEquals(g.scale(), fit.scale(), 1e-4 * g.scale(), g.toString());
        }
    }

    @Test
    void fewExcessesGetTheExponentialFit() {
        GeneralizedPareto fit = GeneralizedPareto.fit(new double[] {1, 2, 3});
        assertEquals(0, fit.shape());
        assertEquals(2, fit.scale(), 1e-12);
    }

    @Test
    void survivalAndExcessAtAreInverse() {
        for (GeneralizedPareto g : new GeneralizedPareto[] {new GeneralizedPareto(0.3, 2), new GeneralizedPareto(0, 2),
                new GeneralizedPareto(-0.2, 2)}) {
            for (double p : new double[] {0.5, 1e-2, 1e-4, 1e-8}) {
                assertEquals(p, g.survival(g.excessAt(p)), p * 1e-9, g + " at " + p);
            }
            assertEquals(1, g.survival(0));
        }
        assertEquals(0, new GeneralizedPareto(-0.5, 1).survival(2.5), "past the end point at scale/-shape = 2");
    }

    /**
     * Peaks as a stream hands them over: few, tied, tiny next to huge, on any scale. Every fit must come back
     * (the harness once died on a root the solver could not pin down), finite, and no worse than the exponential.
     */
    @Test
    void awkwardPeaksAlwaysFit() {
        Random r = new Random(4);
        for (int trial = 0; trial < 3_000; trial++) {
            double scale = Math.pow(10, -12 + 24 * r.nextDouble());
            double[] y = new double[10 + r.nextInt(60)];
            for (int i = 0; i < y.length; i++) {
                double u = r.nextDouble();
                y[i] = scale * switch (trial % 4) {
                    case 0 -> Math.pow(1 - u, -2) - 1;            // very heavy tail
                    case 1 -> u < 0.5 ? 1e-9 : u;                 // half of them all but zero
                    case 2 -> Math.round(3 * u) + 1e-3;           // heavy ties
                    default -> -Math.log(1 - u);
                };
            }
            GeneralizedPareto fit = GeneralizedPareto.fit(y);
            assertTrue(Double.isFinite(fit.shape()) && fit.scale() > 0, "trial " + trial + ": " + fit);
            double mean = Arrays.stream(y).average().orElseThrow();
            assertTrue(fit.logLikelihood(y) >= new GeneralizedPareto(0, mean).logLikelihood(y) - 1e-6, "trial " + trial);
        }
    }

    /**
     * 181 excesses of a NAB series (machine errors, streamed by SPOT) on which Brent's solver, run on the raw θ
     * near the end point −1/max, used up its evaluations and stopped the harness.
     */
    @Test
    void peaksThatOnceStalledTheSolverFit() throws Exception {
        double[] y = Files.readAllLines(Path.of("src/test/resources/io/vigil/detect/gpd-stuck-peaks.txt")).stream()
                .filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        GeneralizedPareto fit = GeneralizedPareto.fit(y);
        double mean = Arrays.stream(y).average().orElseThrow();
        assertTrue(fit.logLikelihood(y) >= new GeneralizedPareto(0, mean).logLikelihood(y), fit.toString());
        assertTrue(fit.survival(Arrays.stream(y).max().orElseThrow()) >= 0);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GeneralizedPareto.fit(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> GeneralizedPareto.fit(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new GeneralizedPareto(0.1, 0));
    }
}
