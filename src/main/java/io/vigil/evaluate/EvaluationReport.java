package io.vigil.evaluate;

import io.vigil.detect.eval.LabelMetrics;
import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Timestamps;
import io.vigil.train.SeriesHistory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes evaluation results as CSV, one row per input row, and compares them with labels when there
 * are any. Score columns are empty for rows before a series' first full window.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** Opens {@code out} for writing, failing with a clear message before any work is done. */
    public static Writer open(Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newBufferedWriter(out);
        } catch (AccessDeniedException e) {
            throw new InputException("cannot write --out " + out + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new InputException("cannot write --out " + out + ": its directory does not exist");
        } catch (IOException e) {
            throw new InputException("cannot write --out " + out + ": " + e.getMessage());
        }
    }

    /** Writes the rows; returns the labels and predictions per row when labels were found, else null. */
    public static LabelMetrics write(Writer writer, List<String> features, List<OfflineEvaluator.RowResult> rows,
                                     InputLabels labels) throws IOException {
        List<String> header = new ArrayList<>(List.of("series", "timestamp"));
        header.addAll(features);
        header.addAll(List.of("error", "score", "anomalous", "alert"));
        if (labels != null) {
            header.add("label");
        }
        boolean[] truth = new boolean[rows.size()];
        boolean[] predicted = new boolean[rows.size()];
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            int i = 0;
            for (OfflineEvaluator.RowResult r : rows) {
                SeriesHistory s = r.series();
                List<Object> record = new ArrayList<>(header.size());
                record.add(s.id());
                record.add(Timestamps.format(s.timestamps()[r.row()]));
                for (float v : s.values()[r.row()]) {
                    record.add(v);
                }
                record.add(r.scored() ? r.error() : "");
                record.add(r.scored() ? r.score() : "");
                record.add(r.scored() ? (r.anomalous() ? 1 : 0) : "");
                record.add(r.alert() == null ? "" : r.alert().status());
                if (labels != null) {
                    truth[i] = labels.label(s.sources()[r.row()], s.lines()[r.row()], s.timestamps()[r.row()]);
                    record.add(truth[i] ? 1 : 0);
                }
                predicted[i] = r.anomalous();
                csv.printRecord(record);
                i++;
            }
        }
        return labels == null ? null : LabelMetrics.compute(truth, predicted);
    }
}
