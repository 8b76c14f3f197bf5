package io.vigil.detect;

/**
 * Mean vector and population covariance matrix of per-feature error vectors, computed in two
 * passes (mean first, then centred products) in a fixed order so results are reproducible.
 */
record FeatureMoments(double[] mean, double[][] covariance) {

    static FeatureMoments of(double[][] rows) {
        int n = rows.length;
        int features = rows[0] == null ? 0 : rows[0].length;
        if (features == 0) {
            throw new IllegalArgumentException("featureErrors row 0 is empty: expected at least one feature");
        }
        double[] mean = new double[features];
        for (int r = 0; r < n; r++) {
            double[] row = rows[r];
            if (row == null || row.length != features) {
                throw new IllegalArgumentException("featureErrors row " + r + " has "
                        + (row == null ? 0 : row.length) + " values, expected " + features);
            }
            for (int f = 0; f < features; f++) {
                ErrorDistribution.requireFinite(row[f], "feature error [" + r + "][" + f + "]");
                mean[f] += row[f];
            }
        }
        for (int f = 0; f < features; f++) {
            mean[f] /= n;
        }
        double[][] covariance = new double[features][features];
        for (double[] row : rows) {
            for (int i = 0; i < features; i++) {
                double di = row[i] - mean[i];
                for (int j = i; j < features; j++) {
                    covariance[i][j] += di * (row[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < features; i++) {
            for (int j = i; j < features; j++) {
                covariance[i][j] /= n;
                covariance[j][i] = covariance[i][j];
            }
        }
        return new FeatureMoments(mean, covariance);
    }
}
