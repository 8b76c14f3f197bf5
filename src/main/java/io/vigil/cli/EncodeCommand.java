package io.vigil.cli;

import io.vigil.encode.LatentEncoder;
import io.vigil.encode.LatentWriter;
import io.vigil.encode.ReconstructionSheet;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import io.vigil.train.History;
import io.vigil.train.HistoryReader;
import io.vigil.train.RowRange;
import io.vigil.train.SequenceReader;
import io.vigil.train.Sequences;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil encode}: the latent vector of every sequence or window of a file, as CSV or JSON lines. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the latent vector of every sequence (sequence models) or every full window (time-series models).")
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model name directory (newest version) or a version directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "a sequence file for a sequence model, else a time-series CSV or JSON-lines file")
    Path input;

    @Option(names = "--label-column", paramLabel = "C", description = "sequence files: column (JSON field) with a label, copied to the output")
    String labelColumn;

    @Option(names = "--rows", paramLabel = "A:B", description = "sequence files: only these rows, half-open and 0-based (default: all)")
    String rows;

    @Option(names = "--reconstructions", paramLabel = "PNG",
            description = "sequence files: also draw the first sequences (originals above, reconstructions below) as grey images")
    Path reconstructions;

    @Option(names = "--reconstructions-count", paramLabel = "N", description = "sequences drawn by --reconstructions (default: ${DEFAULT-VALUE})")
    int reconstructionsCount = 10;

    @picocli.CommandLine.Mixin
    HistoryFileOptions files;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV (id,z0..,label) or .jsonl output")
    Path out;

    /** A model exported before variable-length sequences cannot read shorter ones: say which row is short. */
    private void requireFullIfOld(LoadedModel loaded, Sequences seqs) {
        if (loaded.scorer().acceptsLengths()) {
            return;
        }
        for (int i = 0; i < seqs.count(); i++) {
            if (seqs.lengths()[i] < seqs.steps()) {
                throw new InputException(input.getFileName() + ": row " + seqs.rows()[i] + " has " + seqs.lengths()[i] + " steps, but "
                        + loaded.dir() + " was exported before variable-length sequences and reads exactly " + seqs.steps()
                        + "; retrain it to encode shorter sequences");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        try (LoadedModel loaded = LoadedModel.load(model, null)) {
            ModelMetadata meta = loaded.metadata();
            int written;
            // A sequence model was trained without a sampling interval: it reads independent sequences.
            if (meta.training().samplingInterval() == null) {
                RowRange range = rows == null ? null : RowRange.parse(rows, "--rows");
                Sequences seqs = SequenceReader.read(input, new SequenceReader.Options(meta.window(), meta.features().size(),
                        labelColumn), 1, r -> range == null || range.contains(r) ? 0 : -1, range == null ? 0 : range.to())[0];
                requireFullIfOld(loaded, seqs);
                try (LatentWriter w = LatentWriter.open(out, seqs.labels() != null)) {
                    written = LatentEncoder.encode(loaded.scorer(), seqs, w);
                }
                if (reconstructions != null) {
                    // White is the normalisation's scale (e.g. 255 for pixels), black zero.
                    ReconstructionSheet.write(loaded.scorer(), seqs, reconstructionsCount, meta.normalization().scale()[0],
                            reconstructions);
                }
            } else {
                History history = new HistoryReader(files.forFeatures(meta.features())).read(List.of(input));
                try (LatentWriter w = LatentWriter.open(out, false)) {
                    written = LatentEncoder.encode(loaded.scorer(), history, meta.window(),
                            Durations.parse(meta.training().maxGap()), w);
                }
            }
            System.out.printf("model %s %s: %d latent vectors of %d written to %s%n", meta.name(), meta.version(), written,
                    meta.architecture().latentSize(), out);
            return 0;
        }
    }
}
