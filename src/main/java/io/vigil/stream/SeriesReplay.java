package io.vigil.stream;

import java.util.Optional;

/**
 * One series' points, oldest first, through the very window the stream keeps for a series ({@link SeriesWindow}):
 * after each point, the window the stream would queue for scoring, if any. {@code vigil evaluate} replays history
 * through it, so it scores exactly the windows {@code vigil run} scores — restarted or filled at a gap as
 * {@code gap.policy} says, every {@code window.hop}-th point — with the same values and step times. A point the stream
 * would dead-letter ({@code late}, {@code duplicate}) gives no window and leaves the window as it was.
 */
public final class SeriesReplay {
    /** A window due for scoring: step times oldest first, values {@code [window][features]} row-major. */
    public record Window(long[] times, float[] values, boolean imputed) {
    }

    private final String series;
    private final WindowSettings settings;
    private final SeriesWindow window;

    public SeriesReplay(String series, WindowSettings settings) {
        this.series = series;
        this.settings = settings;
        this.window = new SeriesWindow(settings.window(), settings.features(), settings.initialValues());
    }

    /** Offers the series' next point ({@code point[f]} NaN = feature absent); the window the stream would score now. */
    public Optional<Window> offer(long timestamp, double[] point) {
        if (window.offer(timestamp, point, settings) != SeriesWindow.Outcome.ACCEPTED || !window.takeDue(settings.hop())) {
            return Optional.empty();
        }
        PendingWindow due = window.pending(series);
        return Optional.of(new Window(due.times(), due.values(), due.imputed()));
    }
}
