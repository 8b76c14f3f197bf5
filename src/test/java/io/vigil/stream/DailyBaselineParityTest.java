package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.VigilConfig;
import io.vigil.detect.AlertState;
import io.vigil.detect.CalibrationState;
import io.vigil.detect.DailyBaseline;
import io.vigil.detect.DailyBaselineMapper;
import io.vigil.detect.ScoringPolicy;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.score.ScoreBatch;
import io.vigil.testing.TestModels;
import io.vigil.train.BatchScoring;
import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import io.vigil.train.SeriesHistory;
import io.vigil.train.Windowing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming likelihood's {@link DailyBaseline} in the stream: over a series of six days with a daily burst (the same
 * hour each day), the stream (each window's slot read from and written back to the changelogged store) and
 * {@code vigil evaluate} (slots in memory) give the same scores, which the baseline visibly changes, in UTC and in a
 * local zone across a daylight-saving change; and the slots survive a restart — a second instance whose stores are
 * rebuilt from the first one's changelogs goes on scoring as if nothing had happened.
 */
class DailyBaselineParityTest {
    /** Ten minutes: a day is 144 points, a half-hour slot 3 windows a day, the test model's 48-step cycle 8 hours. */
    private static final long STEP = 10 * 60 * 1000L;
    /** A midnight (UTC), so the days of the series are whole days. */
    private static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int PER_DAY = (int) (DailyBaseline.DAY_MILLIS / STEP);
    /** More than {@link DailyBaseline#DAYS} + 1 days, so slots fill up and their oldest days are replaced. */
    private static final int DAYS = DailyBaseline.DAYS + 3;
    private static final int POINTS = DAYS * PER_DAY;
    /** The daily burst: cpu far above its cycle (by {@value #BURST}) from 09:00 to 10:00 every day; steps of the day. */
    private static final int BURST_FROM = (int) (Duration.ofHours(9).toMillis() / STEP);
    private static final int BURST_TO = (int) (Duration.ofHours(10).toMillis() / STEP);
    private static final double BURST = 0.6;
    private static final String APP = "vigil-test";
    private static final Duration IDLE_TTL = Duration.ofDays(30);

    @TempDir
    Path dir;

    /** The America/New_York midnight three days before its clocks go forward (2026-03-08 02:00 EST → 03:00 EDT). */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate NEW_YORK_CHANGE = LocalDate.parse("2026-03-08");
    private static final long NEW_YORK_T0 = NEW_YORK_CHANGE.minusDays(3).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();

    static double[][] dailyBursts() {
        return dailyBursts(T0, ZoneOffset.UTC);
    }

    /** {@value #POINTS} points from {@code t0}, with the burst from 09:00 to 10:00 local time in {@code zone} every day. */
    static double[][] dailyBursts(long t0, ZoneId zone) {
        double[][] points = TestModels.normalPoints(POINTS, 11);
        for (int i = 0; i < POINTS; i++) {
            LocalTime local = Instant.ofEpochMilli(t0 + i * STEP).atZone(zone).toLocalTime();
            int stepOfDay = (int) (local.toSecondOfDay() * 1000L / STEP);
            if (stepOfDay >= BURST_FROM && stepOfDay < BURST_TO) {
                points[i][0] += BURST;
            }
        }
        return points;
    }

    static Properties props() {
        Properties props = new Properties();
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("calibration", "streaming-likelihood");
        props.setProperty("max.gap", "30m");
        return props;
    }

    static Properties props(ZoneId dailyZone) {
        Properties props = props();
        props.setProperty("likelihood.daily.zone", dailyZone.getId());
        return props;
    }

    @Test
    void streamAndEvaluateAgreeAndTheBaselineChangesScores() throws Exception {
        double[][] points = dailyBursts();
        List<Double> streamed;
        try (StreamRun run = new StreamRun(dir.resolve("state"))) {
            run.pipe(points, 0, POINTS);
            streamed = run.scores();
            KeyValueStore<String, byte[]> slots = run.driver.getKeyValueStore(DetectorTopology.DAILY_BASELINE_STORE);
            DailyBaseline.Slot nine = DailyBaselineMapper.fromBytes(slots.get(DetectorTopology.dailyBaselineKey("s",
                    DailyBaseline.slotOf(T0 + BURST_FROM * STEP))));
            assertEquals(DailyBaseline.DAYS + 1, nine.days().length, "09:00's slot holds the last four days");
        }
        List<OfflineEvaluator.RowResult> scored = ParityRun.evaluate(props(), dir, T0, STEP, points);
        assertEquals(POINTS - TestModels.WINDOW + 1, streamed.size());
        assertEquals(streamed.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            // TensorFlow's float sums differ in the last bits between the stream's batches of 1 and evaluate's of 256.
            assertEquals(scored.get(i).score(), streamed.get(i), 1e-5, "score, window " + i);
        }

        List<Double> without = scoresWithoutDailyBaseline(dir.resolve("s.csv"), props());
        assertEquals(scored.size(), without.size());
        int firstDay = PER_DAY - (TestModels.WINDOW - 1);
        assertEquals(without.subList(0, firstDay), scored.stream().limit(firstDay).map(OfflineEvaluator.RowResult::score).toList(),
                "the first day has no earlier day to compare with: scored as without the baseline");
        for (int day = 1; day < DAYS; day++) {
            // The windows that hold some of the day's burst.
            int from = day * PER_DAY + BURST_FROM - (TestModels.WINDOW - 1);
            int to = day * PER_DAY + BURST_TO;
            double with = max(streamed, from, to);
            double alone = max(without, from, to);
            assertTrue(with < alone / 2, "day " + day + ": the daily burst, routine since day 0, scores " + with
                    + " with the baseline, " + alone + " without");
        }
    }

    /**
     * A burst at 09:00 New York time, with the slots in that zone, across the night its clocks go forward: the stream
     * and evaluate agree; the burst keeps its slot (09:00 local, four local days held), so it stays routine on the day
     * of the change and after, while evaluate with UTC slots sees it move an hour that day and scores it as new.
     */
    @Test
    void inALocalZoneStreamAndEvaluateAgreeAndTheBurstKeepsItsSlotAcrossADaylightSavingChange() throws Exception {
        double[][] points = dailyBursts(NEW_YORK_T0, NEW_YORK);
        Properties props = props(NEW_YORK);
        List<Double> streamed;
        try (StreamRun run = new StreamRun(dir.resolve("state"), props, NEW_YORK_T0)) {
            run.pipe(points, 0, POINTS);
            streamed = run.scores();
            KeyValueStore<String, byte[]> slots = run.driver.getKeyValueStore(DetectorTopology.DAILY_BASELINE_STORE);
            DailyBaseline.Slot nine = DailyBaselineMapper.fromBytes(slots.get(DetectorTopology.dailyBaselineKey("s",
                    BURST_FROM * (int) STEP / (int) DailyBaseline.SLOT_MILLIS)));
            long lastDay = NEW_YORK_CHANGE.plusDays(DAYS - 4).toEpochDay();
            assertEquals(Set.of(lastDay - 3, lastDay - 2, lastDay - 1, lastDay),
                    Arrays.stream(nine.days()).boxed().collect(Collectors.toSet()), "09:00's slot holds the last four local days");
        }
        List<Double> scored = ParityRun.evaluate(props, dir, NEW_YORK_T0, STEP, points).stream()
                .map(OfflineEvaluator.RowResult::score).toList();
        assertEquals(POINTS - TestModels.WINDOW + 1, streamed.size());
        assertEquals(streamed.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            assertEquals(scored.get(i), streamed.get(i), 1e-5, "score, window " + i);
        }

        List<Double> utc = ParityRun.evaluate(props(ZoneOffset.UTC), dir, NEW_YORK_T0, STEP, points).stream()
                .map(OfflineEvaluator.RowResult::score).toList();
        List<Double> without = scoresWithoutDailyBaseline(dir.resolve("s.csv"), props);
        for (int day = 1; day < DAYS; day++) {
            // The windows that hold some of the day's burst; on the 23-hour day 09:00 is 8 hours after midnight.
            long burst = NEW_YORK_CHANGE.plusDays(day - 3).atTime(9, 0).atZone(NEW_YORK).toInstant().toEpochMilli();
            int from = (int) ((burst - NEW_YORK_T0) / STEP) - (TestModels.WINDOW - 1);
            int to = (int) ((burst - NEW_YORK_T0) / STEP) + BURST_TO - BURST_FROM;
            double alone = max(without, from, to);
            assertTrue(max(streamed, from, to) < alone / 2, "day " + day + ": with New York slots the burst scores "
                    + max(streamed, from, to) + ", " + alone + " without the baseline");
            if (day == 3) {
                assertTrue(max(utc, from, to) > alone * 0.9, "on the day of the change, with UTC slots the burst moved a slot"
                        + " and scores " + max(utc, from, to) + ", " + alone + " without the baseline");
            }
        }
    }

    @Test
    void slotsSurviveARestart() throws Exception {
        double[][] points = dailyBursts();
        int cut = (DailyBaseline.DAYS + 1) * PER_DAY;
        List<Double> once;
        try (StreamRun run = new StreamRun(dir.resolve("once"))) {
            run.pipe(points, 0, POINTS);
            once = run.scores();
        }
        Map<String, Map<String, byte[]>> changelogs;
        List<Double> before;
        try (StreamRun first = new StreamRun(dir.resolve("first"))) {
            first.pipe(points, 0, cut);
            before = first.scores();
            changelogs = first.changelogs();
        }
        assertEquals(DailyBaseline.SLOTS_PER_DAY, changelogs.get(DetectorTopology.DAILY_BASELINE_STORE).size(),
                "every half hour has a slot in the changelog");
        List<Double> after;
        try (StreamRun restarted = new StreamRun(dir.resolve("restarted"))) {
            restarted.restore(changelogs, changelogs.keySet());
            restarted.pipe(points, cut, POINTS);
            after = restarted.scores();
        }
        List<Double> both = new ArrayList<>(before);
        both.addAll(after);
        assertEquals(once, both, "scores across the restart are the scores of one run");

        List<Double> forgotten;
        try (StreamRun amnesiac = new StreamRun(dir.resolve("amnesiac"))) {
            Set<String> allButSlots = new HashSet<>(changelogs.keySet());
            allButSlots.remove(DetectorTopology.DAILY_BASELINE_STORE);
            amnesiac.restore(changelogs, allButSlots);
            amnesiac.pipe(points, cut, POINTS);
            forgotten = amnesiac.scores();
        }
        assertNotEquals(after, forgotten, "without its slots a restarted instance would score otherwise");
    }

    @Test
    void anExpiredSeriesLeavesNoSlots() throws Exception {
        try (StreamRun run = new StreamRun(dir.resolve("state"))) {
            // A day of windows: the first window ends at 01:10, so the second day's first hour completes the day.
            run.pipe(dailyBursts(), 0, PER_DAY + TestModels.WINDOW);
            KeyValueStore<String, byte[]> slots = run.driver.getKeyValueStore(DetectorTopology.DAILY_BASELINE_STORE);
            assertEquals(DailyBaseline.SLOTS_PER_DAY, count(slots), "a day of windows fills every half hour's slot");
            run.driver.advanceWallClockTime(IDLE_TTL.multipliedBy(2));
            assertEquals(0, count(slots), "series s expired, and its slots with it");
            assertEquals(0, count(run.driver.getKeyValueStore(DetectorTopology.LIKELIHOOD_STORE)));
        }
    }

    private static long count(KeyValueStore<String, ?> store) {
        try (var it = store.all()) {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        }
    }

    private static double max(List<Double> scores, int from, int to) {
        return scores.subList(from, to).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The scores {@code vigil evaluate} would give {@code csv} with the daily baseline left out (a null slot). */
    private static List<Double> scoresWithoutDailyBaseline(Path csv, Properties props) throws Exception {
        try (LoadedModel model = LoadedModel.load(Path.of(props.getProperty("model.dir")), null)) {
            var meta = model.metadata();
            EvaluationSettings settings = EvaluationSettings.resolve(props, meta);
            ScoringPolicy policy = ScoringPolicy.of(settings.calibration(), settings.detector(), meta.validationErrors(),
                    meta.features(), meta.trainingRanges());
            History history = new HistoryReader(new HistoryOptions(List.of("cpu", "mem"), "timestamp", null)).read(List.of(csv));
            SeriesHistory s = history.series().get(0);
            int[] ends = Windowing.windowEnds(s, meta.window(), settings.maxGap());
            Replay replay = new Replay(policy, s, ends, meta.normalization().scale());
            BatchScoring.score(model.scorer(), s, ends, 256, replay::accept);
            return replay.scores;
        }
    }

    /** One series' windows through the policy as {@link OfflineEvaluator} takes them, but with a null daily-baseline slot. */
    private static final class Replay {
        private final ScoringPolicy policy;
        private final SeriesHistory series;
        private final int[] ends;
        private final float[] scale;
        private final List<Double> scores = new ArrayList<>();
        private AlertState alerts = AlertState.initial();
        private CalibrationState calibration;

        Replay(ScoringPolicy policy, SeriesHistory series, int[] ends, float[] scale) {
            this.policy = policy;
            this.series = series;
            this.ends = ends;
            this.scale = scale;
        }

        void accept(ScoreBatch batch, float[] input, int first) {
            for (int i = 0; i < batch.count(); i++) {
                ScoringPolicy.Result r = policy.decide(series.id(), series.timestamps()[ends[first + i]],
                        BatchScoring.windowError(batch, i, input, scale), alerts, calibration, null);
                alerts = r.decision().next();
                calibration = r.state();
                scores.add(r.decision().score());
            }
        }
    }

    /** The production topology in a TopologyTestDriver, fed series {@code s}, with the stores' changelogs at hand. */
    private static final class StreamRun implements AutoCloseable {
        private static final List<String> STORES = List.of(DetectorTopology.WINDOW_STORE, DetectorTopology.PENDING_STORE,
                DetectorTopology.ALERT_STORE, DetectorTopology.LIKELIHOOD_STORE, DetectorTopology.DAILY_BASELINE_STORE);
        private final ModelHolder holder;
        private final TopologyTestDriver driver;
        private final TestInputTopic<byte[], byte[]> input;
        private final TestOutputTopic<byte[], byte[]> scores;
        private final long t0;

        StreamRun(Path stateDir) {
            this(stateDir, props(), T0);
        }

        StreamRun(Path stateDir, Properties props, long t0) {
            this.t0 = t0;
            VigilConfig config = VigilConfig.of(props, Map.of());
            holder = new ModelHolder(LoadedModel.load(config.modelDir(), null), config.calibration(),
                    m -> config.detector(m.calibration().threshold()));
            WindowSettings w = new WindowSettings(TestModels.WINDOW, 2, 1, Duration.ZERO, Duration.ofMinutes(30),
                    WindowSettings.GapPolicy.RESET, Duration.ofMillis(STEP), new float[] {0.5f, 0.6f});
            StreamSettings settings = new StreamSettings("telemetry", "anomaly-scores", "anomaly-alerts", "telemetry-dlq",
                    Optional.empty(), w, 1, Duration.ZERO, 4096, 1024, IDLE_TTL);
            Properties streams = new Properties();
            streams.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
            streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(DetectorTopology.build(settings, holder, StreamListener.NONE), streams,
                    Instant.ofEpochMilli(t0));
            input = driver.createInputTopic("telemetry", new ByteArraySerializer(), new ByteArraySerializer());
            scores = driver.createOutputTopic("anomaly-scores", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void pipe(double[][] points, int from, int to) {
            for (int i = from; i < to; i++) {
                input.pipeInput("s".getBytes(StandardCharsets.UTF_8), ("{\"ts\":" + (t0 + i * STEP) + ",\"values\":{\"cpu\":"
                        + points[i][0] + ",\"mem\":" + points[i][1] + "}}").getBytes(StandardCharsets.UTF_8));
            }
        }

        List<Double> scores() throws Exception {
            List<Double> out = new ArrayList<>();
            for (byte[] v : scores.readValuesToList()) {
                JsonNode score = DetectorTopologyTest.JSON.readTree(v);
                assertEquals("streaming-likelihood", score.get("calibration").asText());
                out.add(score.get("score").asDouble());
            }
            return out;
        }

        /** Per store, what its changelog topic holds once compacted: the newest value of each key still present. */
        Map<String, Map<String, byte[]>> changelogs() {
            Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
            for (String store : STORES) {
                Map<String, byte[]> latest = new LinkedHashMap<>();
                TestOutputTopic<byte[], byte[]> topic = driver.createOutputTopic(APP + "-" + store + "-changelog",
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                for (TestRecord<byte[], byte[]> r : topic.readRecordsToList()) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, r.value());
                    }
                }
                out.put(store, latest);
            }
            return out;
        }

        /** Fills {@code stores} from {@code changelogs}, as Kafka Streams restores a task's stores before it processes. */
        @SuppressWarnings("unchecked")
        void restore(Map<String, Map<String, byte[]>> changelogs, Set<String> stores) {
            for (String store : stores) {
                Deserializer<?> values = switch (store) {
                    case DetectorTopology.WINDOW_STORE -> SeriesWindowMapper.serde().deserializer();
                    case DetectorTopology.PENDING_STORE -> PendingWindow.serde().deserializer();
                    default -> (topic, bytes) -> bytes;
                };
                KeyValueStore<String, Object> target = driver.getKeyValueStore(store);
                changelogs.get(store).forEach((key, bytes) -> target.put(key, values.deserialize(store, bytes)));
            }
        }

        @Override
        public void close() {
            driver.close();
            holder.close();
        }
    }
}
