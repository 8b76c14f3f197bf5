package io.vigil.broker;

import io.vigil.telemetry.InputException;
import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import io.vigil.train.SeriesHistory;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CSV or JSON-lines files into a {@link TelemetryTimeline} for replay, with the trainer's
 * {@link HistoryReader}: each numeric CSV column other than the timestamp and series columns is a
 * feature, and each file is a series named after it unless a series column (or a JSON line's
 * {@code series}) says otherwise. Every row is kept, even a repeated timestamp: judging records is
 * the detector's job, and a replay should show it what the file holds.
 */
public final class TelemetryFiles {
    private TelemetryFiles() {
    }

    /**
     * @param seriesName  names the one series the files hold (null: file names / series column)
     * @param seriesColumn the CSV column with series ids (null: none)
     */
    public static TelemetryTimeline read(List<Path> files, String timestampColumn, String seriesColumn, String seriesName) {
        HistoryOptions options = new HistoryOptions(List.of(), timestampColumn, seriesColumn, HistoryOptions.Duplicates.KEEP);
        History history = new HistoryReader(options).read(files);
        if (seriesName != null) {
            if (seriesName.isBlank()) {
                throw new InputException("--series is blank; expected a series id such as web-1");
            }
            if (history.series().size() != 1) {
                throw new InputException("--series names one series, but the input holds " + history.series().size()
                        + " (" + String.join(", ", history.series().stream().map(SeriesHistory::id).limit(5).toList())
                        + (history.series().size() > 5 ? ", ..." : "") + "); leave out --series to keep their own names");
            }
            SeriesHistory s = history.series().get(0);
            history = new History(history.features(),
                    List.of(new SeriesHistory(seriesName, s.timestamps(), s.values(), s.sources(), s.lines())));
        }
        return new TelemetryTimeline(history);
    }
}
