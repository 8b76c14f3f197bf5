package io.vigil.encode;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Principal component analysis of latent vectors, for drawing them in two dimensions: the eigenvectors of
 * the vectors' covariance matrix (Commons Math's symmetric eigen-decomposition), strongest first, each
 * signed so that its largest entry is positive (an eigenvector's sign is arbitrary; this makes pictures
 * reproducible).
 */
public final class PrincipalComponents {
    private final double[] mean;
    private final double[][] components;
    private final double[] explained;

    private PrincipalComponents(double[] mean, double[][] components, double[] explained) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
    }

    /** The first {@code k} principal components of {@code latents}. */
    public static PrincipalComponents fit(Latents latents, int k) {
        int size = latents.size();
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("asked for " + k + " components of " + size + "-value vectors");
        }
        if (latents.count() < 2) {
            throw new IllegalArgumentException("principal components need at least two vectors");
        }
        double[][] rows = new double[latents.count()][size];
        double[] mean = new double[size];
        for (int i = 0; i < latents.count(); i++) {
            for (int j = 0; j < size; j++) {
                rows[i][j] = latents.values()[i * size + j];
                mean[j] += rows[i][j] / latents.count();
            }
        }
        RealMatrix covariance = new Covariance(rows).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double total = Arrays.stream(values).sum();
        double[][] components = new double[k][];
        double[] explained = new double[k];
        for (int c = 0; c < k; c++) {
            double[] v = eigen.getEigenvector(order[c]).toArray();
            int largest = 0;
            for (int j = 1; j < size; j++) {
                largest = Math.abs(v[j]) > Math.abs(v[largest]) ? j : largest;
            }
            if (v[largest] < 0) {
                for (int j = 0; j < size; j++) {
                    v[j] = -v[j];
                }
            }
            components[c] = v;
            explained[c] = total > 0 ? values[order[c]] / total : 0;
        }
        return new PrincipalComponents(mean, components, explained);
    }

    /** Coordinates of every vector of {@code latents} on the components: {@code [count][k]}. */
    public double[][] project(Latents latents) {
        int size = latents.size();
        if (size != mean.length) {
            throw new IllegalArgumentException("vectors of " + size + " values, components of " + mean.length);
        }
        double[][] out = new double[latents.count()][components.length];
        for (int i = 0; i < latents.count(); i++) {
            for (int c = 0; c < components.length; c++) {
                double dot = 0;
                for (int j = 0; j < size; j++) {
                    dot += (latents.values()[i * size + j] - mean[j]) * components[c][j];
                }
                out[i][c] = dot;
            }
        }
        return out;
    }

    /** Share of the total variance along component {@code c} (0-based). */
    public double explained(int c) {
        return explained[c];
    }

    /** Component {@code c} as a unit vector. */
    public double[] component(int c) {
        return components[c].clone();
    }
}
