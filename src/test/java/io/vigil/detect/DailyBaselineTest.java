package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DailyBaselineTest {
    static final long DAY = DailyBaseline.DAY_MILLIS;
    /** 2026-03-02T00:00:00Z, a day boundary. */
    static final long MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    static long at(int day, String hhmm) {
        String[] p = hhmm.split(":");
        return MIDNIGHT + day * DAY + (Integer.parseInt(p[0]) * 60L + Integer.parseInt(p[1])) * 60_000L;
    }

    @Test
    void slotsAreHalfHoursOfTheUtcDay() {
        assertEquals(48, DailyBaseline.SLOTS_PER_DAY);
        assertEquals(0, DailyBaseline.slotOf(at(0, "00:00")));
        assertEquals(0, DailyBaseline.slotOf(at(0, "00:29")));
        assertEquals(1, DailyBaseline.slotOf(at(0, "00:30")));
        assertEquals(29, DailyBaseline.slotOf(at(5, "14:45")));
        assertEquals(47, DailyBaseline.slotOf(at(0, "23:59")));
        assertEquals(47, DailyBaseline.slotOf(MIDNIGHT - 1), "the last millisecond before midnight");
        assertEquals(47, DailyBaseline.slotOf(-1), "before 1970 too");
    }

    @Test
    void anEmptySlotHasNoBaselineAndTodaysValuesDoNotCount() {
        assertNull(DailyBaseline.Slot.EMPTY.baseline(at(0, "10:00"), 3));
        DailyBaseline.Slot s = DailyBaseline.Slot.EMPTY.including(at(0, "10:00"), new double[] {1, 2, 3});
        assertNull(s.baseline(at(0, "10:20"), 3), "the same day is not its own baseline");
        assertArrayEquals(new double[] {1, 2, 3}, s.baseline(at(1, "10:05"), 3));
    }

    @Test
    void eachDayKeepsItsMaximaAndTheBaselineIsTheMaximumOverThePreviousThreeDays() {
        DailyBaseline.Slot s = DailyBaseline.Slot.EMPTY;
        s = s.including(at(0, "10:00"), new double[] {1, 9, 0});
        s = s.including(at(0, "10:10"), new double[] {4, 1, 0});
        s = s.including(at(1, "10:00"), new double[] {2, 2, 5});
        s = s.including(at(2, "10:00"), new double[] {3, 3, 1});
        assertArrayEquals(new double[] {4, 9, 5}, s.baseline(at(3, "10:00"), 3), "days 0-2, day 0 at its maxima");
        assertArrayEquals(new double[] {3, 3, 5}, s.baseline(at(4, "10:00"), 3), "day 0 is four days back");
        assertArrayEquals(new double[] {3, 3, 1}, s.baseline(at(5, "10:00"), 3));
        assertNull(s.baseline(at(6, "10:00"), 3), "every day held is too old");
    }

    @Test
    void aNewDayReplacesTheOldestAndDaysTooOldAreDropped() {
        DailyBaseline.Slot s = DailyBaseline.Slot.EMPTY;
        for (int d = 0; d < 6; d++) {
            s = s.including(at(d, "08:00"), new double[] {d});
            assertTrue(s.days().length <= DailyBaseline.DAYS + 1);
        }
        assertArrayEquals(new long[] {2, 3, 4, 5}, Arrays.stream(s.days()).map(d -> d - MIDNIGHT / DAY).sorted().toArray());
        // A gap of ten days: only today remains.
        s = s.including(at(15, "08:00"), new double[] {7});
        assertEquals(1, s.days().length);
        assertArrayEquals(new double[] {7}, s.maxima()[0]);
    }

    @Test
    void aSlotOfAnotherSignalCountGivesNoBaselineAndRestarts() {
        DailyBaseline.Slot s = DailyBaseline.Slot.EMPTY.including(at(0, "10:00"), new double[] {1, 2});
        assertNull(s.baseline(at(1, "10:00"), 3));
        DailyBaseline.Slot restarted = s.including(at(1, "10:00"), new double[] {1, 2, 3});
        assertEquals(3, restarted.signals());
        assertEquals(1, restarted.days().length);
    }

    @Test
    void corruptSlotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DailyBaseline.Slot(new long[] {1}, new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> new DailyBaseline.Slot(new long[] {1, 1},
                new double[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> new DailyBaseline.Slot(new long[] {1, 2},
                new double[][] {{1}, {2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> new DailyBaseline.Slot(new long[] {1},
                new double[][] {{Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> new DailyBaseline.Slot(new long[] {1, 2, 3, 4, 5},
                new double[][] {{1}, {1}, {1}, {1}, {1}}));
    }

    /**
     * A series whose newest-step error spikes every day at 15:00 (a daily job): without the baseline each spike
     * looks anomalous all along; with it, only the first days' do, and a spike at 03:00 — a quiet hour — still does.
     */
    @Test
    void aDailySpikeStopsScoringHighButTheSameSpikeAtAnotherHourStillDoes() {
        StreamingLikelihood likelihood = new StreamingLikelihood(2000, 100);
        long step = 5 * 60_000L;
        StreamingLikelihood.State with = StreamingLikelihood.State.EMPTY;
        StreamingLikelihood.State without = StreamingLikelihood.State.EMPTY;
        DailyBaseline.Slot[] slots = new DailyBaseline.Slot[DailyBaseline.SLOTS_PER_DAY];
        Arrays.fill(slots, DailyBaseline.Slot.EMPTY);
        Random r = new Random(3);
        double lastSpikeWith = 0;
        double lastSpikeWithout = 0;
        for (long t = MIDNIGHT; t < MIDNIGHT + 10 * DAY; t += step) {
            boolean spike = Math.floorMod(t, DAY) == 15 * 3_600_000L;
            double newest = spike ? 1.0 : 0.01 * Math.exp(0.3 * r.nextGaussian());
            WindowError e = StreamingLikelihoodTest.window(0.01 * Math.exp(0.3 * r.nextGaussian()), newest,
                    0.01 * Math.exp(0.3 * r.nextGaussian()));
            int slot = DailyBaseline.slotOf(t);
            StreamingLikelihood.Update u = likelihood.update(with, e, t, slots[slot]);
            with = u.next();
            slots[slot] = u.nextSlot();
            StreamingLikelihood.Update plain = likelihood.update(without, e);
            without = plain.next();
            if (spike) {
                lastSpikeWith = u.score();
                lastSpikeWithout = plain.score();
            }
        }
        assertTrue(lastSpikeWithout > 0.9, "without the baseline the tenth daily spike still scores " + lastSpikeWithout);
        assertTrue(lastSpikeWith < 0.5, "with it the tenth daily spike scores " + lastSpikeWith);
        long quiet = MIDNIGHT + 10 * DAY + 3 * 3_600_000L;
        WindowError offHours = StreamingLikelihoodTest.window(0.01, 1.0, 0.01);
        double score = likelihood.update(with, offHours, quiet, slots[DailyBaseline.slotOf(quiet)]).score();
        assertTrue(score > 0.9, "the same spike at 03:00 scores " + score);
    }

    @Test
    void withoutASlotTheLikelihoodIsAsBeforeAndReturnsNoSlot() {
        StreamingLikelihood likelihood = new StreamingLikelihood(500, 50);
        StreamingLikelihood.State a = StreamingLikelihood.State.EMPTY;
        StreamingLikelihood.State b = StreamingLikelihood.State.EMPTY;
        Random r = new Random(4);
        for (int i = 0; i < 300; i++) {
            WindowError e = StreamingLikelihoodTest.noisy(r, 0.02);
            StreamingLikelihood.Update u1 = likelihood.update(a, e);
            StreamingLikelihood.Update u2 = likelihood.update(b, e, MIDNIGHT + i * 300_000L, null);
            assertEquals(u1.score(), u2.score());
            assertNull(u2.nextSlot());
            a = u1.next();
            b = u2.next();
        }
        assertEquals(a, b);
    }

    @Test
    void theSlotTakesTheRawSignalsNotTheirExcess() {
        StreamingLikelihood likelihood = new StreamingLikelihood(500, 50);
        DailyBaseline.Slot s = DailyBaseline.Slot.EMPTY.including(at(0, "10:00"), new double[] {5, 5, 5});
        StreamingLikelihood.Update u = likelihood.update(StreamingLikelihood.State.EMPTY, StreamingLikelihoodTest.window(3, 6, 1),
                at(1, "10:00"), s);
        assertArrayEquals(new double[] {3, 6, 1}, u.nextSlot().baseline(at(4, "10:00"), 3), "day 1 alone, day 0 too old");
        // The statistics took the excess over the baseline: max(0, x - 5).
        assertEquals(0, u.next().signal(StreamingLikelihood.Signal.WINDOW_ERROR).mean());
        assertEquals(1, u.next().signal(StreamingLikelihood.Signal.NEWEST_ERROR).mean());
    }
}
