package io.vigil.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NAB's scoring rules, written from the published rules (as ../shared/tools/nabscore.py, which checks
 * this class): per-row weights from a scaled sigmoid around each labelled window, one reward per
 * detected window (its earliest detection weighs most), a cost per false-positive row and per missed
 * window, normalised between the null detector (0) and a perfect one (100), with the threshold
 * optimised over the whole corpus; ties go to the highest threshold.
 */
public final class NabScoring {
    /** The threshold reported when detecting nothing is best. */
    public static final double NO_DETECTION = 1.1;
    private static final double TIE_TOLERANCE = 1e-9;
    private static final double MAX_TP = sigmoid(-1.0);

    /** A corpus result for one profile. */
    public record Result(NabProfile profile, double threshold, double raw, double normalised, Map<String, Double> byCategory) {
    }

    private NabScoring() {
    }

    static double sigmoid(double x) {
        return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    /** Weight of each row and the window it belongs to (-1 outside). */
    static double[] weights(NabFile f, NabProfile p, int[] windowOf) {
        int n = f.scores().length;
        double[] w = new double[n];
        Arrays.fill(w, -p.fp());
        Arrays.fill(windowOf, -1);
        List<int[]> windows = f.windows();
        for (int k = 0; k < windows.size(); k++) {
            int a = windows.get(k)[0];
            int b = windows.get(k)[1];
            int width = b - a + 1;
            for (int i = a; i <= b; i++) {
                windowOf[i] = k;
                w[i] = sigmoid(-(b - i + 1.0) / width) * p.tp() / MAX_TP;
            }
            int next = k + 1 < windows.size() ? windows.get(k + 1)[0] : n;
            for (int i = b + 1; i < next; i++) {
                double s;
                if (width > 1) {
                    double x = (i - b) / (width - 1.0);
                    s = x > 3.0 ? -1.0 : sigmoid(x);
                } else {
                    s = -1.0;
                }
                w[i] = s * p.fp();
            }
        }
        return w;
    }

    /** Raw score of one file at {@code threshold}. */
    static double scoreFile(NabFile f, NabProfile p, double threshold) {
        int n = f.scores().length;
        int[] windowOf = new int[n];
        double[] w = weights(f, p, windowOf);
        double total = 0;
        double[] best = new double[f.windows().size()];
        boolean[] scorable = new boolean[f.windows().size()];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int i = f.first(); i < n; i++) {
            boolean detected = f.scores()[i] >= threshold;
            int k = windowOf[i];
            if (k >= 0) {
                scorable[k] = true;
                if (detected) {
                    best[k] = Math.max(best[k], w[i]);
                }
            } else if (detected) {
                total += w[i];
            }
        }
        for (int k = 0; k < best.length; k++) {
            if (scorable[k]) {
                total += best[k] == Double.NEGATIVE_INFINITY ? -p.fn() : best[k];
            }
        }
        return total;
    }

    /** Optimises the threshold over the corpus and scores it, overall and per category. */
    public static Result score(List<NabFile> files, NabProfile p) {
        double threshold = optimise(files, p);
        return scoreAt(files, p, threshold);
    }

    /** Scores the corpus at a given threshold. */
    public static Result scoreAt(List<NabFile> files, NabProfile p, double threshold) {
        double raw = 0;
        Map<String, double[]> cat = new TreeMap<>(); // raw, null, perfect
        double nullScore = 0;
        double perfect = 0;
        for (NabFile f : files) {
            double s = scoreFile(f, p, threshold);
            double fNull = 0;
            for (int[] win : f.windows()) {
                if (win[1] >= f.first()) {
                    fNull -= p.fn();
                }
            }
            double fPerfect = p.tp() * f.windows().size();
            raw += s;
            nullScore += fNull;
            perfect += fPerfect;
            double[] c = cat.computeIfAbsent(f.category(), k -> new double[3]);
            c[0] += s;
            c[1] += fNull;
            c[2] += fPerfect;
        }
        Map<String, Double> byCategory = new TreeMap<>();
        cat.forEach((k, v) -> byCategory.put(k, normalise(v[0], v[1], v[2])));
        return new Result(p, threshold, raw, normalise(raw, nullScore, perfect), byCategory);
    }

    static double normalise(double raw, double nullScore, double perfect) {
        return perfect == nullScore ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }

    /**
     * The threshold with the best corpus score. The score only changes at distinct anomaly scores, so
     * every row's contribution becomes an event (score, change in total) and one sweep from the highest
     * score down finds the best.
     */
    static double optimise(List<NabFile> files, NabProfile p) {
        List<double[]> events = new ArrayList<>();
        double base = 0;
        java.util.TreeSet<Double> candidates = new java.util.TreeSet<>();
        for (NabFile f : files) {
            int n = f.scores().length;
            int[] windowOf = new int[n];
            double[] w = weights(f, p, windowOf);
            List<List<double[]>> perWindow = new ArrayList<>();
            for (int k = 0; k < f.windows().size(); k++) {
                perWindow.add(new ArrayList<>());
            }
            for (int i = f.first(); i < n; i++) {
                double s = f.scores()[i];
                if (Double.isNaN(s)) {
                    continue;
                }
                candidates.add(s);
                if (windowOf[i] < 0) {
                    events.add(new double[] {s, w[i]});
                } else {
                    perWindow.get(windowOf[i]).add(new double[] {s, w[i]});
                }
            }
            for (int k = 0; k < f.windows().size(); k++) {
                List<double[]> rows = perWindow.get(k);
                if (f.windows().get(k)[1] < f.first()) {
                    continue; // inside the probationary period: not scored
                }
                base -= p.fn();
                // Lowering the threshold past a row's score helps only when it beats the window's best so far.
                rows.sort((x, y) -> Double.compare(y[0], x[0]));
                double runMax = -p.fn();
                for (double[] r : rows) {
                    if (r[1] > runMax) {
                        events.add(new double[] {r[0], r[1] - runMax});
                        runMax = r[1];
                    }
                }
            }
        }
        events.sort((x, y) -> Double.compare(y[0], x[0]));
        List<Double> thresholds = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        thresholds.add(candidates.isEmpty() || candidates.last() < NO_DETECTION ? NO_DETECTION : Double.POSITIVE_INFINITY);
        totals.add(base);
        double total = base;
        int e = 0;
        for (double c : candidates.descendingSet()) {
            while (e < events.size() && events.get(e)[0] >= c) {
                total += events.get(e)[1];
                e++;
            }
            thresholds.add(c);
            totals.add(total);
        }
        double best = totals.stream().mapToDouble(Double::doubleValue).max().orElse(base);
        double bestThreshold = thresholds.get(0);
        for (int i = 0; i < totals.size(); i++) {
            if (totals.get(i) >= best - TIE_TOLERANCE * Math.max(1.0, Math.abs(best))) {
                bestThreshold = thresholds.get(i);
                break;
            }
        }
        return bestThreshold;
    }
}
