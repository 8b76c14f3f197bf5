package io.vigil.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.VigilConfig;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.telemetry.Durations;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * One series of {@code cpu}/{@code mem} points (series {@code s}, one point every {@code step} ms from {@code t0})
 * scored twice for the parity tests: by the stream (the topology in a TopologyTestDriver, config read by VigilConfig)
 * and by {@code vigil evaluate} (the same points as a CSV file, config read by EvaluationSettings).
 */
final class ParityRun {
    /** What the stream published: the Scores and the Alerts messages, in order. */
    record Streamed(List<JsonNode> scores, List<JsonNode> alerts) {
    }

    private ParityRun() {
    }

    static Streamed stream(Properties props, Path dir, long t0, long step, double[][] points) throws Exception {
        return stream(props, dir, evenTimes(t0, step, points.length), points);
    }

    /**
     * The stream over points at {@code times}, its windows as {@code vigil run} cuts them from the config and the model
     * ({@code window.hop}, {@code gap.policy}, {@code max.gap} or the model's), one window scored per batch.
     */
    static Streamed stream(Properties props, Path dir, long[] times, double[][] points) throws Exception {
        VigilConfig config = VigilConfig.of(props, Map.of());
        try (ModelHolder holder = new ModelHolder(LoadedModel.load(config.modelDir(), null), config.calibration(),
                m -> config.detector(m.calibration().threshold()))) {
            Properties streams = new Properties();
            streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-test");
            streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            streams.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            ModelMetadata meta = holder.metadata();
            WindowSettings windows = WindowSettings.of(meta, config.windowHop(), config.grace(),
                    config.maxGap().orElse(Durations.parse(meta.training().maxGap())), config.gapPolicy());
            StreamSettings base = DetectorTopologyTest.settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false);
            StreamSettings settings = new StreamSettings(base.inputTopic(), base.scoresTopic(), base.alertsTopic(),
                    base.deadLetterTopic(), base.embeddingsTopic(), windows, base.batchMax(), base.batchLinger(),
                    base.recordMaxBytes(), base.deadLetterMaxValueBytes(), base.seriesIdleTtl());
            try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(settings, holder, StreamListener.NONE),
                    streams, Instant.ofEpochMilli(times[0]))) {
                TestInputTopic<byte[], byte[]> input = driver.createInputTopic("telemetry", new ByteArraySerializer(),
                        new ByteArraySerializer());
                for (int i = 0; i < points.length; i++) {
                    input.pipeInput("s".getBytes(StandardCharsets.UTF_8), ("{\"ts\":" + times[i] + ",\"values\":{\"cpu\":"
                            + points[i][0] + ",\"mem\":" + points[i][1] + "}}").getBytes(StandardCharsets.UTF_8));
                }
                return new Streamed(read(driver.createOutputTopic("anomaly-scores", new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())), read(driver.createOutputTopic("anomaly-alerts", new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())));
            }
        }
    }

    /** The scored rows of {@code vigil evaluate} over the same points. */
    static List<OfflineEvaluator.RowResult> evaluate(Properties props, Path dir, long t0, long step, double[][] points)
            throws Exception {
        return evaluate(props, dir, evenTimes(t0, step, points.length), points);
    }

    /** The scored rows of {@code vigil evaluate} over points at {@code times}. */
    static List<OfflineEvaluator.RowResult> evaluate(Properties props, Path dir, long[] times, double[][] points) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        for (int i = 0; i < points.length; i++) {
            csv.append(times[i]).append(',').append(points[i][0]).append(',').append(points[i][1]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("s.csv"), csv.toString());
        try (LoadedModel model = LoadedModel.load(Path.of(props.getProperty("model.dir")), null)) {
            var history = new HistoryReader(new HistoryOptions(List.of("cpu", "mem"), "timestamp", null)).read(List.of(file));
            return OfflineEvaluator.evaluate(model, history, EvaluationSettings.resolve(props, model.metadata())).stream()
                    .filter(OfflineEvaluator.RowResult::scored).toList();
        }
    }

    /** {@code n} times {@code step} apart from {@code t0}. */
    static long[] evenTimes(long t0, long step, int n) {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = t0 + i * step;
        }
        return times;
    }

    private static List<JsonNode> read(TestOutputTopic<byte[], byte[]> topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] v : topic.readValuesToList()) {
            out.add(DetectorTopologyTest.JSON.readTree(v));
        }
        return out;
    }
}
