package io.vigil.nab;

import java.util.ArrayDeque;

/**
 * One report per episode: a score is reported only when it is higher than every score of the previous
 * {@code cooldown} windows, else 0. At any threshold the first crossing of an episode survives and the
 * repeats after it do not, unless the episode grows stronger; a sliding maximum keeps it O(1) per window.
 */
final class RepeatSuppressor {
    private final int cooldown;
    private final ArrayDeque<double[]> maxima = new ArrayDeque<>(); // (index, score), scores decreasing
    private long index;

    RepeatSuppressor(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be 0 or more, got " + cooldown);
        }
        this.cooldown = cooldown;
    }

    double report(double score) {
        while (!maxima.isEmpty() && maxima.peekFirst()[0] < index - cooldown) {
            maxima.pollFirst();
        }
        double previousMax = maxima.isEmpty() ? Double.NEGATIVE_INFINITY : maxima.peekFirst()[1];
        while (!maxima.isEmpty() && maxima.peekLast()[1] <= score) {
            maxima.pollLast();
        }
        maxima.addLast(new double[] {index, score});
        index++;
        return cooldown == 0 || score > previousMax ? score : 0.0;
    }
}
