package io.vigil.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * How the shipped demo model {@code models/demo} is made: {@value #HISTORY_DAYS} days of the default
 * fleet's normal history (seed {@value #HISTORY_SEED}), trained by {@code vigil train} with the
 * arguments {@link #trainArguments} gives. {@code vigil demo --train-model} runs exactly these, and
 * docs/demo.md spells them out, so the model can be rebuilt by hand or by command.
 */
public final class DemoModel {
    /** Where the demo model lives, relative to Vigil's home directory. */
    public static final Path DEFAULT_DIR = Path.of("models", "demo");
    public static final int HISTORY_DAYS = 8;
    /** The history's seed: different from the live demo's default, so the demo scores unseen noise. */
    public static final long HISTORY_SEED = 1;
    public static final int WINDOW = 32;
    public static final int HIDDEN = 32;
    public static final int EPOCHS = 40;
    public static final int PATIENCE = 8;
    public static final String LEARNING_RATE = "0.005";
    /** A quarter of each host's history validates: more than a day, so calibration sees every hour. */
    public static final String VAL_FRACTION = "0.25";
    /** The model's own alert threshold, as a validation-error quantile. */
    public static final String THRESHOLD = "0.995";
    public static final long TRAINING_SEED = 42;

    private DemoModel() {
    }

    /** The {@code vigil train} arguments (without the command name) that train the demo model. */
    public static List<String> trainArguments(Path history, Path out) {
        return List.of("--input", history.toString(), "--series-column", HistoryWriter.HOST_COLUMN,
                "--features", String.join(",", TelemetryGenerator.FEATURES),
                "--window", Integer.toString(WINDOW), "--hidden", Integer.toString(HIDDEN),
                "--epochs", Integer.toString(EPOCHS), "--patience", Integer.toString(PATIENCE),
                "--learning-rate", LEARNING_RATE, "--val-fraction", VAL_FRACTION, "--threshold", THRESHOLD, "--seed", Long.toString(TRAINING_SEED),
                "--out", out.toString());
    }
}
