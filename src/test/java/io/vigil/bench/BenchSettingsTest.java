package io.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.detect.Calibration;
import io.vigil.score.PassThroughScorer;
import io.vigil.score.ScoreBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {
    private static BenchSettings settings(long records, int series) {
        return new BenchSettings(records, series, 4, 1, 256, 5, 0, 30, 0, Path.of("models/demo"), Calibration.VALIDATION_QUANTILE, 0);
    }

    @Test
    void theDefaultLoadGrowsToGiveEverySeriesEightWindows() {
        assertEquals(1_000_000, settings(0, 1000).recordsFor(32));
        assertEquals(100_000L * (31 + 8), settings(0, 100_000).recordsFor(32));
    }

    @Test
    void anExplicitLoadTooSmallToScoreEverySeriesIsRefusedWithTheCountItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(1000, 100).recordsFor(32));
        assertTrue(e.getMessage().contains("3900 records"), e.getMessage());
        assertEquals(5000, settings(5000, 100).recordsFor(32));
    }

    @Test
    void badSettingsNameTheirOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(-1, 10)).getMessage().contains("--records"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0, 0)).getMessage().contains("--series"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BenchSettings(0, 10, 4, 1, 256, 5, 0, -1, 0, Path.of("m"), Calibration.VALIDATION_QUANTILE, 0)).getMessage().contains("--latency-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BenchSettings(0, 10, 4, 1, 256, 5, -1, 30, 0, Path.of("m"), Calibration.VALIDATION_QUANTILE, 0)).getMessage().contains("--commit-interval-ms"));
    }

    @Test
    void theCalibrationIsReadAsTheConfigKeyIsAndAMistakeNamesTheOption() {
        assertEquals(Calibration.STREAMING_LIKELIHOOD, BenchSettings.calibration("streaming-likelihood"));
        assertEquals(Calibration.SPOT, BenchSettings.calibration(" SPOT "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSettings.calibration("likelihood"));
        assertTrue(e.getMessage().startsWith("--calibration: "), e.getMessage());
        assertTrue(e.getMessage().contains("\"likelihood\"") && e.getMessage().contains(Calibration.names()), e.getMessage());
    }

    @Test
    void theDetectorRunsWithTheBenchsCalibration() {
        BenchSettings likelihood = new BenchSettings(0, 10, 4, 1, 256, 5, 0, 30, 0, Path.of("models/demo"), Calibration.STREAMING_LIKELIHOOD, 0);
        assertEquals(Calibration.STREAMING_LIKELIHOOD,
                Bench.config(likelihood, "localhost:9092", Path.of("work"), "run1", Bench.INPUT).calibration().method());
        assertEquals(Calibration.VALIDATION_QUANTILE,
                Bench.config(settings(0, 10), "localhost:9092", Path.of("work"), "run1", Bench.INPUT).calibration().method());
    }

    @Test
    void aRocksDbBoundReachesTheDetectorAndAMistakeNamesTheOption() {
        BenchSettings bounded = new BenchSettings(0, 10, 4, 1, 256, 5, 0, 30, 0, Path.of("models/demo"), Calibration.VALIDATION_QUANTILE,
                64L << 20);
        assertEquals(64L << 20, Bench.config(bounded, "localhost:9092", Path.of("work"), "run1", Bench.INPUT).rocksDbMemory()
                .orElseThrow().maxBytes());
        assertTrue(Bench.config(settings(0, 10), "localhost:9092", Path.of("work"), "run1", Bench.INPUT).rocksDbMemory().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BenchSettings(0, 10, 4, 1, 256, 5, 0, 30, 0,
                Path.of("m"), Calibration.VALIDATION_QUANTILE, 256));
        assertTrue(e.getMessage().startsWith("--rocksdb-memory-max-bytes must be 0 (unbounded) or at least 16777216"), e.getMessage());
    }

    @Test
    void everyCalibrationGivesADetectorThatStarts() {
        for (Calibration method : Calibration.values()) {
            BenchSettings s = new BenchSettings(0, 10, 4, 1, 256, 5, 0, 30, 0, Path.of("models/demo"), method, 0);
            VigilConfig config = Bench.config(s, "localhost:9092", Path.of("work"), "run1", Bench.INPUT);
            // As DetectorApp builds it; spot's 1 − spot.risk is above alert.critical.threshold's default.
            double threshold = config.calibration().defaultThreshold(0.95);
            assertEquals(threshold, config.detector(threshold).threshold(), 0, method.wireName());
        }
    }

    @Test
    void expectedWindowsCountEachSeriesPointsLessTheFirstWindowMinusOne() {
        // 10 series × 40 points, window 32: 9 windows each.
        assertEquals(90, Bench.expectedWindows(400, 10, 32));
        // 3 more records: series 0-2 have 41 points, one more window each.
        assertEquals(93, Bench.expectedWindows(403, 10, 32));
        // Not one series fills its window.
        assertEquals(0, Bench.expectedWindows(300, 10, 32));
        // Brute force over small cases.
        for (int records = 0; records < 200; records++) {
            int r = records;
            long brute = IntStream.range(0, 7).mapToLong(s -> {
                long points = IntStream.range(0, r).filter(i -> i % 7 == s).count();
                return Math.max(0, points - 5 + 1);
            }).sum();
            assertEquals(brute, Bench.expectedWindows(records, 7, 5), "records " + records);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> sorted = IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList();
        BenchResult.Latency l = BenchResult.Latency.of(100, sorted);
        assertEquals(100, l.p50Ms());
        assertEquals(198, l.p99Ms());
        assertEquals(200, l.maxMs());
        assertEquals(7, BenchResult.Latency.of(1, List.of(7L)).p99Ms());
        assertThrows(IllegalStateException.class, () -> BenchResult.Latency.of(1, List.of()));
    }

    @Test
    void thePassThroughReconstructsEveryWindowExactlySoEveryErrorIsZero() {
        try (PassThroughScorer scorer = new PassThroughScorer(3, 2, 4)) {
            float[] windows = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99};
            ScoreBatch out = scorer.score(windows, 2);
            assertEquals(12, out.reconstruction().length);
            for (int i = 0; i < 12; i++) {
                assertEquals(windows[i], out.reconstruction()[i]);
            }
            assertEquals(0, out.windowError(1));
            assertEquals(2, out.featureErrors(1).length);
            assertEquals(4, out.latent(1).length);
            assertThrows(IllegalArgumentException.class, () -> scorer.score(windows, 5));
        }
    }
}
