package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology with its state in real RocksDB stores, configured by {@link VigilConfig} as {@code vigil run}
 * is. What each store reports through Kafka Streams' RocksDB metrics (the ones {@code /metrics} exports) shows whether
 * the budget was applied: the capacity of its block cache, and that cache's usage.
 */
class BoundedRocksDbMemoryTest {
    private static final long MIB = 1L << 20;
    /** Kafka Streams' own block cache per store when no config setter replaces it. */
    private static final double KAFKA_DEFAULT_BLOCK_CACHE = 50 * MIB;
    private static final Set<String> STORES = Set.of(DetectorTopology.WINDOW_STORE, DetectorTopology.PENDING_STORE,
            DetectorTopology.ALERT_STORE, DetectorTopology.LIKELIHOOD_STORE, DetectorTopology.DAILY_BASELINE_STORE);

    @TempDir
    Path dir;

    /** The store metrics of one run, by metric name then store, and how many scores it published. */
    record Run(Map<String, Map<String, Double>> storeMetrics, int scores) {
        Map<String, Double> metric(String name) {
            return storeMetrics.getOrDefault(name, Map.of());
        }
    }

    private Properties config(String... lines) {
        Properties p = new Properties();
        p.setProperty("model.dir", TestModels.hostsModel().toString());
        p.setProperty("state.dir", dir.resolve("state").toString());
        p.setProperty("calibration", "streaming-likelihood");
        for (String line : lines) {
            String[] kv = line.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return p;
    }

    /** Feeds {@code points} normal points to each of three series through the topology built as {@code vigil run} builds it. */
    private static Run run(Properties streams, VigilConfig config, int from, int to) {
        StreamSettings settings = DetectorTopologyTest.settings(1, 1, Duration.ZERO, WindowSettings.GapPolicy.RESET, false);
        try (ModelHolder holder = new ModelHolder(LoadedModel.load(config.modelDir(), null), config.calibration(),
                m -> config.detector(m.calibration().threshold()));
             TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(settings, holder, StreamListener.NONE),
                     streams, Instant.ofEpochMilli(TestModels.START))) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic("telemetry", new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> scores = driver.createOutputTopic("anomaly-scores", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            for (String series : new String[] {"web-1", "web-2", "db-1"}) {
                Random noise = new Random(series.hashCode());
                for (int i = from; i < to; i++) {
                    double[] v = TestModels.normal(i, noise);
                    input.pipeInput(series.getBytes(StandardCharsets.UTF_8), ("{\"ts\":" + (TestModels.START + i * TestModels.STEP_MS)
                            + ",\"values\":{\"cpu\":" + v[0] + ",\"mem\":" + v[1] + "}}").getBytes(StandardCharsets.UTF_8));
                }
            }
            Map<String, Map<String, Double>> metrics = new TreeMap<>();
            driver.metrics().forEach((name, metric) -> {
                String store = name.tags().get("rocksdb-state-id");
                if (store != null && name.group().equals("stream-state-metrics") && metric.metricValue() instanceof Number n) {
                    metrics.computeIfAbsent(name.name(), k -> new TreeMap<>()).put(store, n.doubleValue());
                }
            });
            return new Run(metrics, scores.readValuesToList().size());
        }
    }

    private static Run run(Properties vigil, int from, int to) {
        VigilConfig config = VigilConfig.of(vigil, Map.of());
        return run(config.streamsProperties(), config, from, to);
    }

    @Test
    void everyStoreDrawsOnOneCacheOfTheConfiguredSize() {
        Run run = run(config("rocksdb.memory.max.bytes=" + 32 * MIB, "rocksdb.memory.write.buffer.ratio=0.25"), 0, 30);

        assertEquals(3 * (30 - TestModels.WINDOW + 1), run.scores(), "the detector works as without a bound");
        Map<String, Double> capacity = run.metric("block-cache-capacity");
        assertEquals(STORES, capacity.keySet(), run.storeMetrics().keySet().toString());
        capacity.forEach((store, bytes) -> assertEquals(32.0 * MIB, bytes, store));
        Map<String, Double> usage = run.metric("block-cache-usage");
        double shared = usage.get(DetectorTopology.WINDOW_STORE);
        assertTrue(shared > 0, "memtables and index blocks are charged to the cache: " + usage);
        usage.forEach((store, bytes) -> assertEquals(shared, bytes, "one cache for all stores, so one usage: " + usage));
    }

    @Test
    void withoutABudgetEachStoreKeepsKafkaStreamsOwnCache() {
        Run run = run(config(), 0, 30);

        assertEquals(3 * (30 - TestModels.WINDOW + 1), run.scores());
        Map<String, Double> capacity = run.metric("block-cache-capacity");
        assertEquals(STORES, capacity.keySet());
        capacity.forEach((store, bytes) -> assertEquals(KAFKA_DEFAULT_BLOCK_CACHE, bytes, store));
    }

    @Test
    void storesOpenedAfterEarlierStoresClosedDrawOnTheSameCacheAgain() {
        Properties vigil = config("rocksdb.memory.max.bytes=" + 24 * MIB);
        Run first = run(vigil, 0, 20);
        Run second = run(vigil, 0, 20);

        assertEquals(3 * (20 - TestModels.WINDOW + 1), first.scores());
        assertEquals(first.scores(), second.scores(), "closing a store must leave the shared cache usable");
        second.metric("block-cache-capacity").forEach((store, bytes) -> assertEquals(24.0 * MIB, bytes, store));
    }

    @Test
    void aStreamsConfigWithTheSetterButNoBudgetFailsNamingTheMissingEntry() {
        VigilConfig config = VigilConfig.of(config(), Map.of());
        Properties streams = config.streamsProperties();
        streams.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);

        RuntimeException e = assertThrows(RuntimeException.class, () -> run(streams, config, 0, 1));

        String messages = causes(e);
        assertTrue(messages.contains(BoundedRocksDbMemory.MAX_BYTES_CONFIG), messages);
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
