package io.vigil.train;

import java.nio.file.Path;

/**
 * {@code vigil train --sequences}: a file of independent fixed-length sequences, the rows that
 * validate ({@code val}, null for none) and train ({@code train}, null for every row not validating),
 * and the model options.
 */
public record SequenceTrainingRequest(Path file, SequenceReader.Options read, RowRange train, RowRange val, ModelOptions model) {
    public SequenceTrainingRequest {
        if (train != null && val != null && train.overlaps(val)) {
            throw new IllegalArgumentException("--train-rows " + train + " and --val-rows " + val + " overlap: validation rows "
                    + "must never be trained on");
        }
    }

    /** 0 for a training row, 1 for a validation row, -1 for a row not used. */
    int groupOf(int row) {
        if (val != null && val.contains(row)) {
            return 1;
        }
        return train == null || train.contains(row) ? 0 : -1;
    }

    /** The number of rows the ranges need the file to have. */
    int rowsNeeded() {
        return Math.max(train == null ? 0 : train.to(), val == null ? 0 : val.to());
    }
}
