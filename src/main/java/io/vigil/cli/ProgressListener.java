package io.vigil.cli;

import io.vigil.train.Trainer;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Keras-like training progress: a bar with ETA and running loss per epoch, then one summary line. */
final class ProgressListener implements Trainer.Listener {
    private final PrintStream out;
    private final boolean bars;
    private ProgressBar bar;
    private int epochs;

    ProgressListener(PrintStream out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        this.epochs = epochs;
        if (!bars) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void batchDone(int batch, double meanLossSoFar) {
        if (bar == null) {
            return;
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss: %.4g", meanLossSoFar));
    }

    @Override
    public void epochDone(Trainer.Epoch e, boolean improved) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String val = Double.isNaN(e.valLoss()) ? "" : String.format(Locale.ROOT, " - val_loss: %.4g", e.valLoss());
        out.printf(Locale.ROOT, "Epoch %d/%d - %.1fs - loss: %.4g%s%s%n", e.epoch(), epochs, e.seconds(), e.loss(), val,
                improved ? " *" : "");
    }
}
