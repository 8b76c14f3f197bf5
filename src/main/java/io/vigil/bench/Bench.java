package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.DetectorApp;
import io.vigil.broker.LocalBroker;
import io.vigil.broker.RatePacer;
import io.vigil.config.VigilConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code vigil bench}: the detector's throughput and latency on this machine, everything in this process.
 * <ol>
 *   <li>Starts a local broker and loads the synthetic telemetry ({@link SyntheticLoad}) into a topic.</li>
 *   <li>Runs the detector over it twice from the start, each time with a fresh application id: with the
 *   real model, and with a pass-through scorer that skips inference. Throughput is the steady rate
 *   between 10% and 90% of the records, so start-up and the last batches do not count; the heap, RSS
 *   and state directory are measured at the end of the model run, with every series active.</li>
 *   <li>Feeds live telemetry at half the model run's throughput, stamped with the time it is sent, and
 *   measures each window's latency: from the send of its newest point until a {@code read_committed}
 *   consumer reads its score. Once with the model, once with the pass-through.</li>
 * </ol>
 * The detector runs as {@code vigil run} does (exactly-once by default), with the settings' batching.
 */
public final class Bench {
    static final String INPUT = "bench-telemetry";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Longest wait for the detector to work through the loaded records without progress. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SAMPLE = Duration.ofMillis(50);
    /** Simulated spacing of the loaded points: the demo model's sampling interval. */
    static final Duration LOAD_STEP = Duration.ofMinutes(5);
    static final long SEED = 42;
    /** Time after every series has a full window before latencies count. */
    static final Duration LATENCY_WARM_UP = Duration.ofSeconds(5);

    private final BenchSettings settings;
    private final PrintWriter out;
    private final ModelMetadata model;
    private final Path work;
    private LocalBroker broker;
    private int runs;

    private Bench(BenchSettings settings, PrintWriter out) throws IOException {
        this.settings = settings;
        this.out = out;
        this.model = ModelMetadataMapper.read(ModelDirectory.resolve(settings.modelDir(), null));
        ModelMetadata.requireTimeSeries(model, "bench");
        this.work = Files.createTempDirectory("vigil-bench-");
    }

    /** Runs every step and returns the figures. */
    public static BenchResult run(BenchSettings settings, PrintWriter out) throws IOException, InterruptedException {
        Bench bench = new Bench(settings, out);
        try {
            return bench.runAll();
        } finally {
            bench.close();
        }
    }

    private BenchResult runAll() throws InterruptedException {
        long records = settings.recordsFor(model.window());
        out.printf("Vigil bench: %,d records, %,d series, %d features, window %d, hop 1; model %s %s, calibration %s%n", records,
                settings.series(), model.features().size(), model.window(), model.name(), model.version(),
                settings.calibration().wireName());
        out.printf("  %d partitions, %d stream thread(s), batch.max %d, batch.linger.ms %d, commit.interval.ms %s, rocksdb.memory.max.bytes %s,"
                        + " %d cores, max heap %d MB%n",
                settings.partitions(), settings.threads(), settings.batchMax(), settings.batchLingerMs(),
                settings.commitIntervalMs() > 0 ? Integer.toString(settings.commitIntervalMs()) : "default",
                settings.rocksDbMemoryMaxBytes() > 0 ? Long.toString(settings.rocksDbMemoryMaxBytes()) : "unbounded",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.flush();
        broker = LocalBroker.builder().port(0).dataDir(work.resolve("broker")).build().start();
        broker.createTopics(Map.of(INPUT, settings.partitions()));
        SyntheticLoad load = new SyntheticLoad(settings.series(), model.features(), model.normalization().center(),
                model.normalization().scale(), SEED);
        long loadStarted = System.nanoTime();
        produce(load, INPUT, records, RatePacer.unlimited(), i -> LOAD_START + load.stepOf(i) * LOAD_STEP.toMillis());
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        out.printf("loaded %,d records in %.1f s (%,.0f records/s)%n", records, loadSeconds, records / loadSeconds);
        out.flush();

        long windows = expectedWindows(records, settings.series(), model.window());
        BenchResult.Throughput withModel = throughput("model", LoadedModel.ScorerOpener.SAVED_MODEL, records, windows, true);
        BenchResult.Throughput passThrough = throughput("pass-through", LoadedModel.ScorerOpener.PASS_THROUGH, records, windows, false);
        BenchResult.Latency modelLatency = null;
        BenchResult.Latency passThroughLatency = null;
        if (settings.latencySeconds() > 0) {
            double rate = settings.latencyRate() > 0 ? settings.latencyRate() : withModel.recordsPerSecond() / 2;
            modelLatency = latency("model", LoadedModel.ScorerOpener.SAVED_MODEL, load, rate);
            passThroughLatency = latency("pass-through", LoadedModel.ScorerOpener.PASS_THROUGH, load, rate);
        }
        return new BenchResult(BenchResult.Machine.current(), settings, records, model.name() + " " + model.version(),
                loadSeconds, withModel, passThrough, modelLatency, passThroughLatency);
    }

    /** Windows at hop 1 when {@code records} go round-robin over {@code series}: each series' points less the first T − 1. */
    static long expectedWindows(long records, int series, int window) {
        long each = records / series;
        long extra = records % series;
        return (series - extra) * Math.max(0, each - window + 1) + extra * Math.max(0, each + 2 - window);
    }

    /** Event time of the loaded history's first point. */
    static final long LOAD_START = 1_700_000_000_000L;

    /** A detector over the loaded topic from the start, timed while it works through it. */
    private BenchResult.Throughput throughput(String label, LoadedModel.ScorerOpener opener, long records, long windows,
                                              boolean measureMemory) throws InterruptedException {
        AtomicLong windowed = new AtomicLong();
        AtomicLong scored = new AtomicLong();
        long mark10 = Math.max(1, records / 10);
        long mark90 = Math.max(mark10 + 1, records * 9 / 10);
        AtomicLongArray at = new AtomicLongArray(2);
        AtomicLongArray cpuAt = new AtomicLongArray(2);
        AtomicLong calls = new AtomicLong();
        AtomicLong callNanos = new AtomicLong();
        StreamListener counts = new StreamListener() {
            @Override
            public void recordWindowed(int unknownFeatures) {
                seen(windowed.incrementAndGet());
            }

            @Override
            public void deadLettered(String reason) {
                seen(windowed.incrementAndGet());
            }

            // The steady-state clock: when the 10% and the 90% record were processed, to the nanosecond.
            private void seen(long n) {
                if (n == mark10) {
                    at.set(0, System.nanoTime());
                    cpuAt.set(0, processCpuNanos());
                } else if (n == mark90) {
                    at.set(1, System.nanoTime());
                    cpuAt.set(1, processCpuNanos());
                }
            }

            @Override
            public void windowScored(double score, boolean anomalous, long windowEnd) {
                scored.incrementAndGet();
            }

            @Override
            public void batchScored(int batchWindows, long nanos) {
                calls.incrementAndGet();
                callNanos.addAndGet(nanos);
            }
        };
        String run = "run" + (++runs);
        out.printf("%s: scoring the loaded records ...%n", label);
        out.flush();
        try (DetectorApp app = DetectorApp.start(config(settings, broker.bootstrapServers(), work, run, INPUT), counts, ModelWatcher.Listener.NONE, opener)) {
            awaitRunning(app);
            long lastProgress = System.nanoTime();
            long lastCount = -1;
            while (scored.get() < windows) {
                failIfStopped(app);
                long now = System.nanoTime();
                long seen = windowed.get();
                long progress = seen + scored.get();
                if (progress != lastCount) {
                    lastCount = progress;
                    lastProgress = now;
                } else if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(label + " run made no progress for " + STALL_TIMEOUT.toSeconds() + " s: "
                            + seen + " of " + records + " records, " + scored.get() + " of " + windows + " windows scored");
                }
                Thread.sleep(SAMPLE.toMillis());
            }
            double seconds = (at.get(1) - at.get(0)) / 1e9;
            double rate = (mark90 - mark10) / seconds;
            double cpuMicros = (cpuAt.get(1) - cpuAt.get(0)) / 1e3 / (mark90 - mark10);
            double meanBatch = calls.get() == 0 ? 0 : (double) scored.get() / calls.get();
            double callMicros = scored.get() == 0 ? 0 : callNanos.get() / 1e3 / scored.get();
            out.printf("%s: %,.0f records/s (%,d records between 10%% and 90%% in %.1f s; %.1f µs of CPU per record), %,d windows scored"
                    + " in calls of %.0f windows on average, %.1f µs per window%n",
                    label, rate, mark90 - mark10, seconds, cpuMicros, scored.get(), meanBatch, callMicros);
            BenchResult.Memory memory = measureMemory ? memory(run) : null;
            if (memory != null) {
                out.printf("%s: %,d series active: heap after GC %,d MB (committed %,d MB), RSS %,d MB, state directory %,d MB%n",
                        label, settings.series(), memory.heapAfterGcMb(), memory.heapCommittedMb(), memory.rssMb(), memory.stateDirMb());
            }
            out.flush();
            return new BenchResult.Throughput(rate, cpuMicros, meanBatch, callMicros, scored.get(), seconds, memory);
        }
    }

    /** Live telemetry at {@code rate} records/s; every window's latency from send to a committed score. */
    private BenchResult.Latency latency(String label, LoadedModel.ScorerOpener opener, SyntheticLoad load, double rate)
            throws InterruptedException {
        String run = "run" + (++runs);
        String input = "bench-live-" + run;
        broker.createTopics(Map.of(input, settings.partitions()));
        out.printf("%s: latency at %,.0f records/s for %d s (after %d s to fill every window) ...%n", label, rate,
                settings.latencySeconds(), (long) Math.ceil(settings.series() * (double) model.window() / rate) + LATENCY_WARM_UP.toSeconds());
        out.flush();
        try (DetectorApp app = DetectorApp.start(config(settings, broker.bootstrapServers(), work, run, input), StreamListener.NONE, ModelWatcher.Listener.NONE, opener);
             KafkaConsumer<byte[], byte[]> scores = committedReader()) {
            awaitRunning(app);
            List<TopicPartition> partitions = scores.partitionsFor(scoresTopic(run)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            scores.assign(partitions);
            scores.seekToBeginning(partitions);
            // Windows only exist once a series has a full window; measure from when every series has one, plus a few
            // seconds for the first transactions on the new topics' partitions (see BenchCommand's log settings).
            long fill = (long) Math.ceil(settings.series() * (double) model.window() / rate);
            long measureFrom = System.currentTimeMillis() + Duration.ofSeconds(fill).plus(LATENCY_WARM_UP).toMillis();
            long measureUntil = measureFrom + Duration.ofSeconds(settings.latencySeconds()).toMillis();
            long records = (long) Math.ceil(rate * ((measureUntil - System.currentTimeMillis()) / 1000.0));
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    long[] last = new long[load.series()];
                    produce(load, input, records, RatePacer.perSecond(rate), i -> {
                        int s = load.seriesOf(i);
                        last[s] = Math.max(System.currentTimeMillis(), last[s] + 1);
                        return last[s];
                    });
                } catch (Throwable t) {
                    producerFailure.set(t);
                }
            }, "vigil-bench-live");
            producer.setDaemon(true);
            producer.start();
            List<Long> latencies = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            long deadline = measureUntil + Duration.ofSeconds(10).toMillis();
            while (System.currentTimeMillis() < deadline) {
                failIfStopped(app);
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("the live feed failed: " + producerFailure.get().getMessage(), producerFailure.get());
                }
                for (ConsumerRecord<byte[], byte[]> r : scores.poll(Duration.ofMillis(20))) {
                    long received = System.currentTimeMillis();
                    long windowEnd = windowEnd(json, r.value());
                    if (windowEnd >= measureFrom && windowEnd < measureUntil) {
                        latencies.add(received - windowEnd);
                    }
                }
                if (!producer.isAlive() && System.currentTimeMillis() > measureUntil + Duration.ofSeconds(3).toMillis()) {
                    break;
                }
            }
            producer.join(Duration.ofSeconds(10).toMillis());
            BenchResult.Latency result = BenchResult.Latency.of(rate, latencies);
            out.printf("%s: latency p50 %d ms, p99 %d ms, max %d ms over %,d windows%n", label, result.p50Ms(), result.p99Ms(),
                    result.maxMs(), result.windows());
            out.flush();
            return result;
        }
    }

    private static long windowEnd(ObjectMapper json, byte[] score) {
        try {
            JsonNode n = json.readTree(score);
            return n.get("windowEnd").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("a score the bench cannot read: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Stamp {
        long at(long record);
    }

    /** Sends {@code count} records of {@code load}, record i stamped {@code stamp.at(i)}, and waits for every ack. */
    private void produce(SyntheticLoad load, String topic, long count, RatePacer pacer, Stamp stamp)
            throws InterruptedException {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count && failure.get() == null; i++) {
                pacer.acquire();
                int s = load.seriesOf(i);
                long ts = stamp.at(i);
                producer.send(new ProducerRecord<>(topic, load.key(s), load.value(s, load.stepOf(i), ts)), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending the bench's telemetry failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /** CPU time of the whole process so far, every thread. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private KafkaConsumer<byte[], byte[]> committedReader() {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The detector's config for one run: as {@code vigil run} would have it, with the settings' batching and calibration. */
    static VigilConfig config(BenchSettings settings, String bootstrapServers, Path work, String run, String input) {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("kafka.num.stream.threads", Integer.toString(settings.threads()));
        p.setProperty("application.id", "vigil-bench-" + run);
        p.setProperty("state.dir", work.resolve("state-" + run).toString());
        p.setProperty("model.dir", settings.modelDir().toString());
        p.setProperty("model.poll.interval", "0s");
        p.setProperty("topic.input", input);
        p.setProperty("topic.scores", scoresTopic(run));
        p.setProperty("topic.alerts", "bench-alerts-" + run);
        p.setProperty("topic.dead-letter", "bench-dead-letter-" + run);
        p.setProperty("topic.partitions", Integer.toString(settings.partitions()));
        p.setProperty("batch.max", Integer.toString(settings.batchMax()));
        p.setProperty("batch.linger.ms", Integer.toString(settings.batchLingerMs()));
        p.setProperty("calibration", settings.calibration().wireName());
        if (settings.rocksDbMemoryMaxBytes() > 0) {
            p.setProperty("rocksdb.memory.max.bytes", Long.toString(settings.rocksDbMemoryMaxBytes()));
        }
        if (settings.commitIntervalMs() > 0) {
            p.setProperty("kafka.commit.interval.ms", Integer.toString(settings.commitIntervalMs()));
        }
        return VigilConfig.of(p, Map.of());
    }

    private static String scoresTopic(String run) {
        return "bench-scores-" + run;
    }

    private static void awaitRunning(DetectorApp app) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (app.state() != KafkaStreams.State.RUNNING) {
            failIfStopped(app);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the detector was not running after " + READY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(SAMPLE.toMillis());
        }
    }

    private static void failIfStopped(DetectorApp app) {
        if (app.fatalError() != null || app.state() == KafkaStreams.State.ERROR) {
            throw new IllegalStateException("the detector stopped: " + app.fatalError(), app.fatalError());
        }
    }

    private BenchResult.Memory memory(String run) {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return new BenchResult.Memory(heap, rt.totalMemory() >> 20, rssMb(), directoryBytes(work.resolve("state-" + run)) >> 20);
    }

    /** Resident set size of this process from /proc, or -1 where there is none. */
    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private void close() {
        if (broker != null) {
            broker.close();
        }
        try {
            Utils.delete(work.toFile());
        } catch (IOException e) {
            // a temporary directory: what is left, the OS cleans up
        }
    }
}
