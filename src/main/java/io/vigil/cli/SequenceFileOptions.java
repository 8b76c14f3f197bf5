package io.vigil.cli;

import io.vigil.train.ModelOptions;
import io.vigil.train.RowRange;
import io.vigil.train.SequenceReader;
import io.vigil.train.SequenceTrainingRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code vigil train --sequences} reads a file of independent fixed-length sequences. */
final class SequenceFileOptions {
    @Option(names = "--sequences", paramLabel = "FILE",
            description = "train on independent sequences, one per row: CSV (.csv, .csv.gz) or JSON lines {\"sequence\": [[...], ...]}, "
                    + "whose 1 to T steps are padded to T and masked")
    Path file;

    @Option(names = "--steps", paramLabel = "T", description = "steps per sequence (JSON lines: the most a sequence may have)")
    int steps;

    @Option(names = "--features-per-step", paramLabel = "F", description = "values per step; a CSV row holds T x F value columns, row-major")
    int featuresPerStep;

    @Option(names = "--label-column", paramLabel = "C", description = "CSV column (JSON field) holding a label, not trained on")
    String labelColumn;

    @Option(names = "--val-rows", paramLabel = "A:B", description = "validation rows, half-open and 0-based (default: none)")
    String valRows;

    @Option(names = "--train-rows", paramLabel = "A:B", description = "training rows, half-open and 0-based (default: every row not validating)")
    String trainRows;

    SequenceTrainingRequest request(ModelOptions model) {
        if (steps == 0 || featuresPerStep == 0) {
            throw new IllegalArgumentException("--sequences needs --steps T and --features-per-step F");
        }
        return new SequenceTrainingRequest(file, new SequenceReader.Options(steps, featuresPerStep, labelColumn),
                trainRows == null ? null : RowRange.parse(trainRows, "--train-rows"),
                valRows == null ? null : RowRange.parse(valRows, "--val-rows"), model);
    }
}
