package io.vigil.cli;

import io.vigil.train.HistoryOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** How history files are read: shared by {@code train} and {@code evaluate} so both read a file alike. */
final class HistoryFileOptions {
    @Option(names = "--timestamp-column", paramLabel = "C", description = "CSV timestamp column (default: ${DEFAULT-VALUE})")
    String timestampColumn = HistoryOptions.DEFAULT_TIMESTAMP_COLUMN;

    @Option(names = "--series-column", paramLabel = "C", description = "CSV column naming the series (default: one series per file)")
    String seriesColumn;

    @Option(names = "--duplicates", paramLabel = "reject|first|keep",
            description = "rows repeating a series' timestamp: an error, the first kept and later ones dropped (as the stream does), "
                    + "or all kept (default: ${DEFAULT-VALUE})")
    HistoryOptions.Duplicates duplicates = HistoryOptions.Duplicates.REJECT;

    HistoryOptions forFeatures(List<String> features) {
        return new HistoryOptions(features, timestampColumn, seriesColumn, duplicates);
    }
}
