package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * A daily job at 08:00 local time, through the policy the stream and evaluate share, across a daylight-saving change
     * (spring forward in Berlin, fall back in New York): with the slots in the team's zone the job stays routine on the
     * day of the change and after; with UTC slots it moves a slot that day and scores as an anomaly.
     */
    @ParameterizedTest
    @CsvSource({"Europe/Berlin, 2026-03-29", "America/New_York, 2026-11-01"})
    void aDailySpikeAtEightLocalTimeStaysRoutineAcrossADaylightSavingChange(String zoneId, String change) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate changeDay = LocalDate.parse(change);
        double[] local = spikeScores(zone, zone, changeDay);
        double[] utc = spikeScores(CalibrationSettings.DEFAULT_DAILY_ZONE, zone, changeDay);
        int changeIndex = SPIKE_DAYS_BEFORE;
        for (int d = 1; d < local.length; d++) {
            assertTrue(local[d] < 0.5, zoneId + ": the 08:00 job of day " + d + " scores " + local[d] + " with local slots");
        }
        for (int d = 1; d < changeIndex; d++) {
            assertTrue(utc[d] < 0.5, "before the change UTC slots hold the job too: day " + d + " scores " + utc[d]);
        }
        assertTrue(utc[changeIndex] > 0.9, zoneId + ": on " + change + " the job moved a UTC slot and scores " + utc[changeIndex]);
        assertTrue(utc[changeIndex + 1] < 0.5, "a day later the moved slot holds it: " + utc[changeIndex + 1]);
    }

    private static final int SPIKE_DAYS_BEFORE = 4;

    /**
     * The score of a spike of the newest step's error at 08:00 in {@code jobZone} each day, from {@value #SPIKE_DAYS_BEFORE}
     * days before {@code change} to 3 days after, with the daily baseline's slots in {@code slotZone}; one score per day.
     */
    private static double[] spikeScores(ZoneId slotZone, ZoneId jobZone, LocalDate change) {
        ScoringPolicy policy = ScoringPolicy.of(new CalibrationSettings(Calibration.STREAMING_LIKELIHOOD, Spot.DEFAULT_RISK, true,
                slotZone), DetectorConfig.defaults(), ScoringPolicyTest.VALIDATION, List.of("value"), null);
        SeriesScoring series = new SeriesScoring(policy, "s");
        LocalDate first = change.minusDays(SPIKE_DAYS_BEFORE);
        int days = SPIKE_DAYS_BEFORE + 4;
        long step = 5 * 60_000L;
        // From noon the day before, so the likelihood is warm by the first spike.
        long from = first.minusDays(1).atTime(12, 0).atZone(jobZone).toInstant().toEpochMilli();
        long to = first.plusDays(days).atStartOfDay(jobZone).toInstant().toEpochMilli();
        Random r = new Random(5);
        double[] spikes = new double[days];
        for (long t = from; t < to; t += step) {
            ZonedDateTime local = Instant.ofEpochMilli(t).atZone(jobZone);
            boolean spike = local.getHour() == 8 && local.getMinute() == 0;
            double newest = spike ? 1.0 : 0.01 * Math.exp(0.3 * r.nextGaussian());
            double score = series.decide(t, StreamingLikelihoodTest.window(0.01 * Math.exp(0.3 * r.nextGaussian()), newest,
                    0.01 * Math.exp(0.3 * r.nextGaussian()))).score();
            if (spike) {
                spikes[(int) (local.toLocalDate().toEpochDay() - first.toEpochDay())] = score;
            }
        }
        return spikes;
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
