package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RatePacerTest {
    /** A clock that only moves when the pacer sleeps. */
    private static final class FakeClock implements RatePacer.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void twentyRecordsAtTenPerSecondTakeNineteenTenthsOfASecond() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(10, clock);
        for (int i = 0; i < 20; i++) {
            pacer.acquire();
        }
        // one token up front (a tenth of a second's burst), then one per 100 ms
        assertEquals(1.9, clock.now / 1e9, 1e-6);
    }

    @Test
    void highRatesAllowATenthOfASecondAsBurstThenHoldTheRate() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(1000, clock);
        for (int i = 0; i < 1100; i++) {
            pacer.acquire();
        }
        assertEquals(1.0, clock.now / 1e9, 1e-3);
    }

    @Test
    void zeroRateNeverWaits() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(0, clock);
        for (int i = 0; i < 10_000; i++) {
            pacer.acquire();
        }
        assertEquals(0, clock.now);
    }
}
