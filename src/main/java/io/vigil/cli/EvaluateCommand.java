package io.vigil.cli;

import io.vigil.config.DetectionSettings;
import io.vigil.detect.eval.LabelMetrics;
import io.vigil.evaluate.EvaluationReport;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.InputLabels;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.train.History;
import io.vigil.train.HistoryReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil evaluate}: scores a file offline with the stream's inference and detection code. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score history offline through the same inference and detection code the stream uses.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model name directory (newest version) or a version directory")
    Path model;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE", description = "CSV or JSON-lines files")
    List<Path> inputs;

    @Option(names = "--labels", paramLabel = "FILE", description = "NAB-style labelled windows (JSON); default: a 0/1 'label' column if the input has one")
    Path labels;

    @Option(names = "--config", paramLabel = "FILE", description = "the detector's properties file (threshold, alert.*, calibration, max.gap, gap.policy, window.hop, model.version);"
            + " VIGIL_* environment variables override it, as for run")
    Path config;

    @picocli.CommandLine.Mixin
    HistoryFileOptions files;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "scores CSV to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        // The environment too, as run reads it: an evaluation should predict the stream it configures.
        DetectionSettings detection = EvaluationSettings.read(config, System.getenv());
        detection.warnings().forEach(w -> LOG.warn("config: {}", w));
        try (LoadedModel loaded = LoadedModel.load(model, detection.modelVersion().orElse(null))) {
            ModelMetadata meta = loaded.metadata();
            EvaluationSettings settings = EvaluationSettings.resolve(detection, meta);
            History history = new HistoryReader(files.forFeatures(meta.features())).read(inputs);
            InputLabels truth = InputLabels.find(inputs, labels);
            LabelMetrics metrics;
            List<OfflineEvaluator.RowResult> rows;
            try (Writer writer = EvaluationReport.open(out)) {
                rows = OfflineEvaluator.evaluate(loaded, history, settings);
                metrics = EvaluationReport.write(writer, meta.features(), rows, truth);
            }
            long scored = rows.stream().filter(OfflineEvaluator.RowResult::scored).count();
            long anomalous = rows.stream().filter(OfflineEvaluator.RowResult::anomalous).count();
            long alerts = rows.stream().filter(r -> r.alert() != null && "OPEN".equals(r.alert().status())).count();
            System.out.printf(Locale.ROOT, "model %s %s: %d rows, %d windows scored, %d anomalous (threshold %.4g), %d alerts opened%n",
                    meta.name(), meta.version(), rows.size(), scored, anomalous, settings.detector().threshold(), alerts);
            if (metrics != null) {
                System.out.printf(Locale.ROOT, "  point-wise: precision %.3f  recall %.3f  F1 %.3f%n",
                        metrics.precision(), metrics.recall(), metrics.f1());
                System.out.printf(Locale.ROOT, "  event-wise: precision %.3f  recall %.3f  F1 %.3f  (%d of %d labelled events detected, %d of %d predicted events true)%n",
                        metrics.eventPrecision(), metrics.eventRecall(), metrics.eventF1(), metrics.detectedEvents(),
                        metrics.labelledEvents(), metrics.truePredictedEvents(), metrics.predictedEvents());
            }
            System.out.printf("  scores: %s%n", out);
            return 0;
        }
    }
}
