package io.vigil.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code vigil bench} run measured, with the machine and settings it ran with. {@link #toJson}
 * writes the flat figures the issue asks for ({@code model_records_per_s}, {@code passthrough_records_per_s},
 * {@code ratio}, {@code p50_ms}, {@code p99_ms}, {@code passthrough_p99_ms}) and the details beside them.
 */
public record BenchResult(Machine machine, BenchSettings settings, long records, String model, double loadSeconds,
                          Throughput withModel, Throughput passThrough, Latency modelLatency, Latency passThroughLatency) {

    /**
     * Throughput of one run over the loaded records; memory only for the model run. {@code cpuMicrosPerRecord} is the
     * process' CPU time (all threads: the stream, TensorFlow, the in-process broker) over the same records: unlike the
     * rate, it moves less when other processes share the cores. {@code meanBatch} is the windows per model call and
     * {@code callMicrosPerWindow} a call's wall time per window, over the whole run: inference as the stream sees it.
     */
    public record Throughput(double recordsPerSecond, double cpuMicrosPerRecord, double meanBatch, double callMicrosPerWindow,
                             long windowsScored, double measuredSeconds, Memory memory) {
    }

    /**
     * Memory with every series active: heap in use after GC and committed, the process' resident set (the
     * committed heap, RocksDB's memtables and block caches, TensorFlow, and the in-process broker), and the
     * state directory on disk.
     */
    public record Memory(long heapAfterGcMb, long heapCommittedMb, long rssMb, long stateDirMb) {
    }

    /** Latencies of the windows scored during a live run at {@code recordsPerSecond}. */
    public record Latency(double recordsPerSecond, long windows, long p50Ms, long p99Ms, long maxMs) {
        static Latency of(double rate, List<Long> latencies) {
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no window was scored during the latency run");
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Latency(rate, sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
        }

        /** Nearest-rank percentile. */
        static long percentile(List<Long> sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /** The machine the bench ran on. */
    public record Machine(String os, String arch, int cores, String java, long maxHeapMb) {
        static Machine current() {
            return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** Model throughput over pass-through throughput: how much of the stream's capacity inference leaves. */
    public double ratio() {
        return withModel.recordsPerSecond() / passThrough.recordsPerSecond();
    }

    /** The figures as one JSON object: the headline numbers first, then the details. */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model_records_per_s", Math.round(withModel.recordsPerSecond()));
        f.put("passthrough_records_per_s", Math.round(passThrough.recordsPerSecond()));
        f.put("ratio", Math.round(ratio() * 1000) / 1000.0);
        f.put("model_cpu_us_per_record", Math.round(withModel.cpuMicrosPerRecord() * 10) / 10.0);
        f.put("passthrough_cpu_us_per_record", Math.round(passThrough.cpuMicrosPerRecord() * 10) / 10.0);
        if (modelLatency != null) {
            f.put("p50_ms", modelLatency.p50Ms());
            f.put("p99_ms", modelLatency.p99Ms());
            f.put("passthrough_p99_ms", passThroughLatency.p99Ms());
        }
        f.put("records", records);
        f.put("model", model);
        f.put("calibration", settings.calibration().wireName());
        f.put("load_seconds", loadSeconds);
        f.put("settings", settings);
        f.put("machine", machine);
        f.put("model_run", withModel);
        f.put("passthrough_run", passThrough);
        if (modelLatency != null) {
            f.put("model_latency", modelLatency);
            f.put("passthrough_latency", passThroughLatency);
        }
        return f;
    }

    public void toJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(file.toFile(), figures());
    }
}
