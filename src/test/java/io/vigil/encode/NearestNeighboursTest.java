package io.vigil.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 1-nearest-neighbour accuracy on small labelled sets whose answer is known by construction or by brute force. */
class NearestNeighboursTest {
    /** Three well-separated clusters; 3 of the 20 queries labelled "a" sit in cluster "b", so 17 are right. */
    static Latents clusters(boolean query) {
        float[][] centers = {{0, 0}, {10, 0}, {0, 10}};
        String[] names = {"a", "b", "c"};
        Random r = new Random(query ? 2 : 1);
        int n = query ? 20 : 30;
        float[] values = new float[n * 2];
        String[] ids = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            labels[i] = names[k];
            int at = query && i < 9 && k == 0 ? 1 : k; // queries 0, 3 and 6 are "a" but lie in "b"
            values[2 * i] = centers[at][0] + (float) r.nextGaussian();
            values[2 * i + 1] = centers[at][1] + (float) r.nextGaussian();
            ids[i] = Integer.toString(query ? 100 + i : i);
        }
        return new Latents(query ? "queries" : "reference", 2, n, ids, values, labels);
    }

    @Test
    void accuracyCountsQueriesWhoseNearestReferenceSharesTheirLabel() {
        NearestNeighbours.Accuracy a = NearestNeighbours.accuracy(clusters(false), clusters(true));
        assertEquals(17, a.correct());
        assertEquals(20, a.queries());
        assertEquals(0.85, a.share(), 1e-12);
        assertEquals(4.0 / 7, a.share("a"), 1e-12, "7 queries labelled a, 3 of them in b's cluster");
        assertEquals(1.0, a.share("b"));
        assertEquals(1.0, a.share("c"));
    }

    @Test
    void nearestIsTheExhaustiveEuclideanAnswerFirstIndexOnTies() {
        Random r = new Random(5);
        int size = 30;
        int refs = 300;
        float[] values = new float[refs * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        System.arraycopy(values, 7 * size, values, 200 * size, size); // reference 200 duplicates reference 7
        Latents reference = new Latents("ref", size, refs, new String[refs], values, null);
        for (int q = 0; q < 50; q++) {
            float[] query = new float[size];
            for (int i = 0; i < size; i++) {
                query[i] = (float) r.nextGaussian();
            }
            int expected = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < refs; k++) {
                double d = 0;
                for (int i = 0; i < size; i++) {
                    double diff = values[k * size + i] - query[i];
                    d += diff * diff;
                }
                if (d < best) {
                    best = d;
                    expected = k;
                }
            }
            assertEquals(expected, NearestNeighbours.nearest(reference, query, 0), "query " + q);
        }
        assertEquals(7, NearestNeighbours.nearest(reference, java.util.Arrays.copyOfRange(values, 7 * size, 8 * size), 0),
                "an exact tie goes to the first reference");
    }

    @Test
    void latentsWithoutLabelsAreRefused() {
        Latents unlabelled = new Latents("plain.csv", 2, 1, new String[] {"0"}, new float[] {1, 2}, null);
        InputException e = assertThrows(InputException.class, () -> NearestNeighbours.accuracy(unlabelled, unlabelled));
        assertTrue(e.getMessage().contains("plain.csv") && e.getMessage().contains("--label-column"), e.getMessage());
    }
}
