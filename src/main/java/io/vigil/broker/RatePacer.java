package io.vigil.broker;

/**
 * A token bucket that holds a sender to a steady rate: a token per record, refilled at
 * {@code rate} per second, with a burst of at most a tenth of a second's worth (and at least one),
 * so a replay at 10 records/s really takes about a second per 10 records.
 */
public final class RatePacer {
    /** How much of a second's records may go out at once after a pause. */
    static final double BURST_SECONDS = 0.1;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Time as the pacer sees it: replaceable in tests. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final Clock clock;
    private final double nanosPerToken;
    private final double capacity;
    private double tokens;
    private long last;

    RatePacer(double ratePerSecond, Clock clock) {
        this.clock = clock;
        if (ratePerSecond <= 0 || Double.isInfinite(ratePerSecond)) {
            this.nanosPerToken = 0;
            this.capacity = Double.POSITIVE_INFINITY;
        } else {
            this.nanosPerToken = NANOS_PER_SECOND / ratePerSecond;
            this.capacity = Math.max(1, ratePerSecond * BURST_SECONDS);
        }
        this.tokens = capacity;
        this.last = clock.nanoTime();
    }

    /** {@code ratePerSecond} records per second; 0 or less means no limit. */
    public static RatePacer perSecond(double ratePerSecond) {
        return new RatePacer(ratePerSecond, SYSTEM);
    }

    public static RatePacer unlimited() {
        return new RatePacer(0, SYSTEM);
    }

    /** Takes one token, sleeping until one is there. */
    public void acquire() throws InterruptedException {
        if (nanosPerToken == 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            clock.sleepNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
            refill();
        }
        tokens = Math.max(0, tokens - 1);
    }

    private void refill() {
        long now = clock.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / nanosPerToken);
        last = now;
    }
}
