package io.vigil.broker;

import io.vigil.train.History;
import io.vigil.train.SeriesHistory;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The rows of every series of a {@link History} in one timestamp order, as the services that made
 * them would have sent them: a k-way merge of the (already sorted) series, ties broken by series
 * order so that replays are repeatable.
 */
public final class TelemetryTimeline implements Iterable<TelemetryRecord> {
    private final History history;

    public TelemetryTimeline(History history) {
        this.history = history;
    }

    /** The total number of records. */
    public long size() {
        return history.series().stream().mapToLong(SeriesHistory::size).sum();
    }

    @Override
    public Iterator<TelemetryRecord> iterator() {
        return new Merge(history.features(), history.series());
    }

    /** A cursor into one series; {@code order} is the series' place in the history, for ties. */
    private record Cursor(SeriesHistory series, int order, int row) {
        long timestamp() {
            return series.timestamps()[row];
        }
    }

    private static final class Merge implements Iterator<TelemetryRecord> {
        private final List<String> features;
        private final PriorityQueue<Cursor> heads = new PriorityQueue<>(
                Comparator.comparingLong(Cursor::timestamp).thenComparingInt(Cursor::order));

        Merge(List<String> features, List<SeriesHistory> series) {
            this.features = List.copyOf(features);
            for (int i = 0; i < series.size(); i++) {
                if (series.get(i).size() > 0) {
                    heads.add(new Cursor(series.get(i), i, 0));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public TelemetryRecord next() {
            Cursor c = heads.poll();
            if (c == null) {
                throw new NoSuchElementException();
            }
            if (c.row + 1 < c.series.size()) {
                heads.add(new Cursor(c.series, c.order, c.row + 1));
            }
            return new TelemetryRecord(c.series.id(), c.timestamp(), features, c.series.values()[c.row]);
        }
    }
}
