package io.vigil.cli;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.Spot;
import io.vigil.model.TimeFeatures;
import io.vigil.nab.NabFile;
import io.vigil.nab.NabHarness;
import io.vigil.nab.NabProfile;
import io.vigil.nab.NabRun;
import io.vigil.nab.NabScoring;
import io.vigil.nab.NabSettings;
import io.vigil.telemetry.Durations;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil nab}: the Numenta Anomaly Benchmark, run and scored the way its published detectors were. */
@Command(name = "nab", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run Vigil on a NAB data tree (a model per file, trained on its probationary rows) and score it.")
final class NabCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "NAB's data/ tree (<category>/<file>.csv)")
    Path data;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "NAB's labels/combined_windows.json")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "results: <out>/<category>/vigil_<file>.csv")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "files processed at once (default: the number of cores)")
    int threads = NabSettings.defaults().threads();

    @Option(names = "--limit", paramLabel = "N", description = "only the first N files (for a quick look)")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--calibration", paramLabel = "METHOD",
            description = "how errors become scores, as the config key calibration (default: ${DEFAULT-VALUE})")
    String calibration = NabSettings.DEFAULT_CALIBRATION.wireName();

    @Option(names = "--spot-risk", paramLabel = "Q", description = "SPOT's risk, as the config key spot.risk (default: ${DEFAULT-VALUE})")
    double spotRisk = Spot.DEFAULT_RISK;

    @Option(names = "--seed", paramLabel = "N", description = "training seed of every file's model (default: ${DEFAULT-VALUE})")
    long seed = NabSettings.defaults().seed();

    @Option(names = "--time-features", paramLabel = "none|day|week|day,week",
            description = "calendar inputs of every file's model, as train --time-features, in UTC (default: ${DEFAULT-VALUE})")
    String timeFeatures = NabSettings.DEFAULT_TIME_FEATURES.isNone() ? TimeFeatures.NONE_NAME
            : String.join(",", NabSettings.DEFAULT_TIME_FEATURES.names());

    @Option(names = "--max-gap", paramLabel = "none|auto|D",
            description = "windows never span a step between rows longer than D (e.g. 15m); auto = train's rule, 3 x the median "
                    + "interval; none = windows span any gap, as NAB reads rows in order (default: ${DEFAULT-VALUE})")
    String maxGap = "none";

    @Override
    public Integer call() throws Exception {
        NabSettings settings = NabSettings.defaults().withThreads(threads).withSeed(seed)
                .withCalibration(new CalibrationSettings(Calibration.parse(calibration), spotRisk))
                .withTimeFeatures(TimeFeatures.parse(timeFeatures, null, "--time-features"))
                .withMaxGap(maxGap(maxGap));
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + " is not a directory");
        }
        Map<String, List<long[]>> windows = NabHarness.labels(labels);
        List<Path> files = NabHarness.dataFiles(data).stream().limit(limit).toList();
        long started = System.nanoTime();
        List<NabFile> results = NabRun.run(data, files, windows, out, settings, Path.of(System.getProperty("java.io.tmpdir")),
                (r, seconds, done, total) -> System.err.printf(Locale.ROOT, "[%d/%d] %s (%d rows, %.1f s; %.0f s in all)%n", done, total,
                        r.key(), r.scores().length, seconds, (System.nanoTime() - started) / 1e9));
        System.out.printf(Locale.ROOT, "NAB: %d files in %.0f s, calibration %s, time features %s, max gap %s; results in %s%n",
                files.size(), (System.nanoTime() - started) / 1e9, settings.calibration().method().wireName(), settings.timeFeatures(),
                maxGap, out);
        List<String> categories = results.stream().map(NabFile::category).distinct().sorted().toList();
        System.out.printf("%-22s %9s %9s", "profile", "score", "threshold");
        categories.forEach(c -> System.out.printf(" %22s", c));
        System.out.println();
        for (NabProfile p : NabProfile.all()) {
            NabScoring.Result r = NabScoring.score(results, p);
            System.out.printf(Locale.ROOT, "%-22s %9.1f %9.4f", p.name(), r.normalised(), r.threshold());
            categories.forEach(c -> System.out.printf(Locale.ROOT, " %22.1f", r.byCategory().getOrDefault(c, Double.NaN)));
            System.out.println();
        }
        return 0;
    }

    /** {@code --max-gap}'s value: none (no limit), auto (null: train's rule) or a duration. */
    static Duration maxGap(String text) {
        return switch (text) {
            case "none" -> NabSettings.NO_GAP_LIMIT;
            case "auto" -> null;
            default -> {
                try {
                    yield Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--max-gap " + e.getMessage() + "; or none, or auto", e);
                }
            }
        };
    }
}
