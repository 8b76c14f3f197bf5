package io.vigil.encode;

import io.vigil.telemetry.InputException;
import io.vigil.train.RowRange;
import java.util.Arrays;

/**
 * Latent vectors as {@code vigil encode} writes them: {@code count} vectors of {@code size} values, flat
 * and row-major in {@code values}, each with its id and label ({@code labels} null when there are none).
 * {@code file} names where they came from, for messages.
 */
public record Latents(String file, int size, int count, String[] ids, float[] values, String[] labels) {
    public Latents {
        if ((long) count * size != values.length || ids.length != count || (labels != null && labels.length != count)) {
            throw new IllegalArgumentException("latents: " + count + " x " + size + " but " + values.length + " values, "
                    + ids.length + " ids");
        }
    }

    /**
     * The vectors whose id is a data row in {@code rows} (the ids {@code encode} gives sequences), in file
     * order; {@code option} names the option in messages. Fails when an id is not a row number or no row
     * falls in the range.
     */
    public Latents rows(RowRange rows, String option) {
        int[] picked = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            long row;
            try {
                row = Long.parseLong(ids[i]);
            } catch (NumberFormatException e) {
                throw new InputException(file + ": id \"" + ids[i] + "\" is not a row number; " + option
                        + " selects the latents of a sequence file, whose ids are their 0-based rows");
            }
            if (rows.contains(row)) {
                picked[n++] = i;
            }
        }
        if (n == 0) {
            throw new InputException(file + ": no latent has a row in " + option + " " + rows);
        }
        return subset(Arrays.copyOf(picked, n));
    }

    /** Labels are required: fails naming the file when it has none. */
    public String[] requireLabels(String purpose) {
        if (labels == null) {
            throw new InputException(file + ": has no labels, which " + purpose + " needs; encode with --label-column");
        }
        return labels;
    }

    private Latents subset(int[] indices) {
        float[] v = new float[indices.length * size];
        String[] id = new String[indices.length];
        String[] label = labels == null ? null : new String[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(values, i * size, v, k * size, size);
            id[k] = ids[i];
            if (label != null) {
                label[k] = labels[i];
            }
        }
        return new Latents(file, size, indices.length, id, v, label);
    }
}
