package io.vigil.detect.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How well per-point predictions match per-point labels, counted two ways. Pointwise: each point
 * is a true or false positive or negative. Event-wise: a labelled event (a maximal run of true
 * labels) is detected when any predicted point falls inside it, which gives recall; a predicted
 * event (a maximal run of true predictions) is a true positive when it overlaps any labelled
 * event, which gives precision. Every ratio whose denominator is 0 (no predictions, no labels) is
 * defined as 0, and so is F1 when precision and recall are both 0.
 */
public record LabelMetrics(
        double precision,
        double recall,
        double f1,
        double eventPrecision,
        double eventRecall,
        double eventF1,
        int labelledEvents,
        int detectedEvents,
        int predictedEvents,
        int truePredictedEvents) {

    /** Compares predictions with labels of the same length. */
    public static LabelMetrics compute(boolean[] labels, boolean[] predicted) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predicted, "predicted");
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("there are " + labels.length + " labels but "
                    + predicted.length + " predictions");
        }
        long truePositives = 0;
        long predictedPositives = 0;
        long labelledPositives = 0;
        for (int i = 0; i < labels.length; i++) {
            truePositives += labels[i] && predicted[i] ? 1 : 0;
            predictedPositives += predicted[i] ? 1 : 0;
            labelledPositives += labels[i] ? 1 : 0;
        }
        List<int[]> labelled = runs(labels);
        List<int[]> predictions = runs(predicted);
        int detected = countOverlapping(labelled, predicted);
        int truePredicted = countOverlapping(predictions, labels);

        double precision = ratio(truePositives, predictedPositives);
        double recall = ratio(truePositives, labelledPositives);
        double eventPrecision = ratio(truePredicted, predictions.size());
        double eventRecall = ratio(detected, labelled.size());
        return new LabelMetrics(precision, recall, f1(precision, recall),
                eventPrecision, eventRecall, f1(eventPrecision, eventRecall),
                labelled.size(), detected, predictions.size(), truePredicted);
    }

    /** Maximal runs of true as [first, last] indices, inclusive. */
    static List<int[]> runs(boolean[] flags) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= flags.length; i++) {
            boolean on = i < flags.length && flags[i];
            if (on && start < 0) {
                start = i;
            } else if (!on && start >= 0) {
                runs.add(new int[] {start, i - 1});
                start = -1;
            }
        }
        return runs;
    }

    private static int countOverlapping(List<int[]> runs, boolean[] other) {
        int count = 0;
        for (int[] run : runs) {
            for (int i = run[0]; i <= run[1]; i++) {
                if (other[i]) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
