package io.vigil.nab;

import io.vigil.detect.ScoringPolicy;
import io.vigil.detect.SeriesScoring;
import io.vigil.detect.eval.NabWindows;
import io.vigil.model.Loss;
import io.vigil.model.ModelSpec;
import io.vigil.model.Normalization;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.ScoreBatch;
import io.vigil.telemetry.Durations;
import io.vigil.telemetry.Timestamps;
import io.vigil.train.History;
import io.vigil.train.BatchScoring;
import io.vigil.train.HistoryOptions;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Trainer;
import io.vigil.train.TrainingRequest;
import io.vigil.train.TrainingRun;
import io.vigil.train.Windowing;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs Vigil on a NAB corpus the way NAB's published detectors were run: per data file, a model trained
 * on the probationary rows only, then every row scored in order through the same windowing, inference
 * and detection code as the stream, written as {@code <out>/<category>/vigil_<file>.csv}
 * ({@code timestamp,value,anomaly_score,label}; score 0 in probation and before the first full window).
 */
public final class NabHarness {
    static final String DETECTOR = "vigil";
    static final int SCORE_BATCH = 256;

    private NabHarness() {
    }

    /** Every {@code <category>/<file>.csv} under {@code dataDir}, sorted. */
    public static List<Path> dataFiles(Path dataDir) throws IOException {
        try (Stream<Path> s = Files.walk(dataDir)) {
            return s.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    public static String key(Path dataDir, Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }

    /** Trains on the file's probation, scores every row, writes the result file; returns it for scoring. */
    public static NabFile runFile(Path dataDir, Path file, Map<String, List<long[]>> labels, Path outDir, Path modelsDir,
                                  NabSettings settings) throws IOException {
        String key = key(dataDir, file);
        NabSeries series = NabSeries.read(file, key);
        int n = series.size();
        int probation = NabFile.probation(n);
        Path version = train(series, probation, modelsDir.resolve(key.replace('/', '_').replace(".csv", "")), settings);
        double[] scores = new double[n];
        try (LoadedModel model = LoadedModel.load(version, null)) {
            score(series, probation, model, settings, scores);
        }
        List<long[]> windows = labels.getOrDefault(key, List.of());
        List<int[]> rowWindows = series.rowWindows(windows);
        write(outDir, key, series, scores, rowWindows);
        return new NabFile(key, scores, probation, rowWindows);
    }

    private static Path train(NabSeries s, int probation, Path nameDir, NabSettings settings) throws IOException {
        // The probationary rows, de-duplicated by timestamp as the stream would (first wins).
        List<Integer> keep = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int i = 0; i < probation; i++) {
            if (s.timestamps()[i] > last) {
                keep.add(i);
                last = s.timestamps()[i];
            }
        }
        long[] ts = new long[keep.size()];
        float[][] values = new float[keep.size()][1];
        String[] sources = new String[keep.size()];
        long[] lines = new long[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            ts[j] = s.timestamps()[keep.get(j)];
            values[j][0] = s.values()[keep.get(j)];
            sources[j] = s.path().getFileName().toString();
            lines[j] = keep.get(j) + 2L;
        }
        History history = new History(List.of("value"), List.of(new SeriesHistory(s.key(), ts, values, sources, lines)));
        TrainingRequest request = new TrainingRequest(List.of(s.path()), HistoryOptions.defaults(), settings.window(), 1, settings.maxGap(), 0.2,
                settings.hidden(), null, 0, ModelSpec.Variant.REPEAT, false, ModelSpec.OutputActivation.LINEAR,
                Normalization.Method.ZSCORE, 0, new Trainer.Settings(settings.epochs(), settings.batch(), settings.learningRate(),
                settings.patience(), settings.seed()), settings.detector().threshold(), "nab", nameDir, Loss.MSE, settings.timeFeatures());
        return TrainingRun.run(request, history, new Trainer.Listener() { }).versionDir();
    }

    /** Every row in file order through windowing, batched inference and the detector. */
    static void score(NabSeries s, int probation, LoadedModel model, NabSettings settings, double[] out) {
        int window = model.metadata().window();
        SeriesHistory all = history(s);
        Duration maxGap = Durations.parse(model.metadata().training().maxGap());
        // Every window is scored, probation included (those rows were seen), so a per-series calibration is
        // warm when scoring starts; only rows after probation get an anomaly score.
        int[] ends = Windowing.windowEnds(all, window, maxGap);
        BatchScoring.score(model.scorer(), all, ends, SCORE_BATCH, new Reports(s.key(), model, settings, ends, probation, out, s.timestamps())::accept);
    }

    /** Every row of the file as one series' history, as the model scores it. */
    static SeriesHistory history(NabSeries s) {
        float[][] rows = new float[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            rows[i] = new float[] {s.values()[i]};
        }
        return new SeriesHistory(s.key(), s.timestamps(), rows, new String[s.size()], new long[s.size()]);
    }

    /** Each window through the scoring policy, then one report per episode; kept for rows after probation. */
    private static final class Reports {
        private final int[] ends;
        private final int probation;
        private final double[] out;
        private final long[] timestamps;
        private final float[] scale;
        private final SeriesScoring state;
        private final RepeatSuppressor repeats;

        Reports(String series, LoadedModel model, NabSettings settings, int[] ends, int probation, double[] out, long[] timestamps) {
            this.ends = ends;
            this.probation = probation;
            this.out = out;
            this.timestamps = timestamps;
            ModelMetadata meta = model.metadata();
            this.scale = meta.normalization().scale();
            this.state = new SeriesScoring(ScoringPolicy.of(settings.calibration(), settings.detector(), meta.validationErrors(),
                    meta.features(), meta.trainingRanges()), series);
            this.repeats = new RepeatSuppressor(settings.cooldown());
        }

        void accept(ScoreBatch scores, float[] input, int first) {
            for (int i = 0; i < scores.count(); i++) {
                int row = ends[first + i];
                double reported = repeats.report(state.decide(timestamps[row], BatchScoring.windowError(scores, i, input, scale)).score());
                if (row >= probation) {
                    out[row] = reported;
                }
            }
        }
    }

    private static void write(Path outDir, String key, NabSeries s, double[] scores, List<int[]> windows) throws IOException {
        int slash = key.lastIndexOf('/');
        Path dir = outDir.resolve(key.substring(0, Math.max(0, slash)));
        Files.createDirectories(dir);
        boolean[] label = new boolean[s.size()];
        for (int[] w : windows) {
            Arrays.fill(label, w[0], w[1] + 1, true);
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(DETECTOR + "_" + key.substring(slash + 1)))) {
            w.write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < s.size(); i++) {
                w.write(Timestamps.format(s.timestamps()[i]).replace('T', ' ').replace("Z", "") + "," + s.values()[i] + ","
                        + scores[i] + "," + (label[i] ? 1 : 0) + "\n");
            }
        }
    }

    /** Reads NAB's {@code combined_windows.json}. */
    public static Map<String, List<long[]>> labels(Path labelsJson) throws IOException {
        return NabWindows.read(labelsJson);
    }
}
