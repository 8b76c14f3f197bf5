package io.vigil.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic telemetry for a fleet of hosts: per point {@code cpu} (%), {@code mem} (%),
 * {@code latency_ms} and {@code rps}. A daily-like load curve (one "day" is {@code period} steps)
 * drives requests per second; cpu follows requests, latency follows cpu, and memory drifts slowly
 * with a little pull from the load. Every point is a pure function of (seed, host, step) — its noise
 * comes from a generator seeded by those three — so points can be made in any order, and an
 * injected anomaly changes its own steps and nothing else. Anomalies come from an
 * {@link AnomalySchedule} ({@link AnomalySchedule#NONE} for normal history).
 */
public final class TelemetryGenerator {
    /** The features of every point, in this order. */
    public static final List<String> FEATURES = List.of("cpu", "mem", "latency_ms", "rps");
    public static final int CPU = 0;
    public static final int MEM = 1;
    public static final int LATENCY = 2;
    public static final int RPS = 3;
    /** A simulated day: 288 steps of five minutes. */
    public static final int DEFAULT_PERIOD = 288;
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);

    // The normal behaviour's shape: load curve, noise and drift, as fractions or feature units.
    static final double LOAD_MEAN = 0.55;
    static final double LOAD_DAILY = 0.35;
    static final double LOAD_HARMONIC = 0.08;
    /** Where in the day the load peaks: 0.625 is 15:00. */
    static final double PEAK_OF_DAY = 0.625;
    static final double RPS_NOISE = 0.04;
    static final double CPU_NOISE = 1.5;
    static final double LATENCY_NOISE = 0.03;
    /** Latency grows with the square of cpu: at 100% cpu it is this many times the idle latency, plus one. */
    static final double LATENCY_CPU_GAIN = 1.5;
    static final double MEM_DRIFT = 4.0;
    static final double MEM_DRIFT_DAYS = 1.3;
    static final double MEM_WOBBLE = 1.5;
    static final double MEM_WOBBLE_DAYS = 0.53;
    static final double MEM_LOAD_GAIN = 3.0;
    static final double MEM_NOISE = 0.4;
    // What each anomaly kind does.
    static final double SPIKE_CPU = 35;
    static final double SPIKE_LATENCY_FACTOR = 4;
    static final double DIP_FACTOR = 0.2;
    static final double SHIFT_LATENCY_MIN = 25;
    static final double SHIFT_LATENCY_FACTOR = 0.8;
    static final double SHIFT_CPU = 6;
    static final double FAST_CYCLE = 8;
    static final double BREAK_CPU = 40;
    static final double MAX_PERCENT = 100;
    static final double MIN_LATENCY = 0.1;
    static final double ROUNDING = 100;

    private final long seed;
    private final List<HostProfile> hosts;
    private final int period;
    private final Duration step;
    private final long startMillis;
    private final AnomalySchedule anomalies;

    public TelemetryGenerator(long seed, List<HostProfile> hosts, int period, Duration step, long startMillis,
                              AnomalySchedule anomalies) {
        if (period < 2) {
            throw new IllegalArgumentException("a day needs at least 2 steps, got " + period);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the step must be positive, got " + step);
        }
        this.seed = seed;
        this.hosts = List.copyOf(hosts);
        this.period = period;
        this.step = step;
        this.startMillis = startMillis;
        this.anomalies = Objects.requireNonNull(anomalies, "anomalies");
    }

    public List<HostProfile> hosts() {
        return hosts;
    }

    public AnomalySchedule anomalies() {
        return anomalies;
    }

    public int period() {
        return period;
    }

    public Duration step() {
        return step;
    }

    /** The event time of step {@code s}, epoch milliseconds. */
    public long timeOf(long s) {
        return startMillis + s * step.toMillis();
    }

    /** The point of host {@code host} at step {@code s}, with any anomaly the schedule puts there. */
    public float[] point(int host, long s) {
        return point(host, s, anomalies.active(host, s));
    }

    /** The point as it would be without anomalies. */
    public float[] normal(int host, long s) {
        return point(host, s, null);
    }

    float[] point(int host, long s, InjectedAnomaly anomaly) {
        AnomalyKind kind = anomaly == null ? null : anomaly.kind();
        if (kind == AnomalyKind.FLAT_LINE) {
            return point(host, anomaly.startStep(), null);
        }
        HostProfile p = hosts.get(host);
        SplittableRandom noise = new SplittableRandom(mix(seed, host, s));
        double dayPos = kind == AnomalyKind.FREQUENCY_CHANGE
                ? (anomaly.startStep() + (s - anomaly.startStep()) * FAST_CYCLE) / period
                : (double) s / period;
        double load = load(dayPos);
        double rps = p.peakRps() * load * (1 + RPS_NOISE * noise.nextGaussian());
        if (kind == AnomalyKind.DIP) {
            rps *= DIP_FACTOR;
        }
        rps = Math.max(0, rps);
        double cpu = clampPercent(p.cpuIdle() + p.cpuPerRps() * rps + CPU_NOISE * noise.nextGaussian());
        double latency = p.latencyBase() * (1 + LATENCY_CPU_GAIN * Math.pow(cpu / MAX_PERCENT, 2))
                * (1 + LATENCY_NOISE * noise.nextGaussian());
        double days = (double) s / period;
        double mem = p.memBase() + MEM_DRIFT * Math.sin(2 * Math.PI * days / MEM_DRIFT_DAYS + p.memPhase())
                + MEM_WOBBLE * Math.sin(2 * Math.PI * days / MEM_WOBBLE_DAYS + 2 * p.memPhase())
                + MEM_LOAD_GAIN * load + MEM_NOISE * noise.nextGaussian();
        if (kind == AnomalyKind.CORRELATION_BREAK) {
            cpu = clampPercent(cpu + BREAK_CPU);
        } else if (kind == AnomalyKind.LEVEL_SHIFT) {
            latency += Math.max(SHIFT_LATENCY_MIN, SHIFT_LATENCY_FACTOR * p.latencyBase());
            cpu = clampPercent(cpu + SHIFT_CPU);
        } else if (kind == AnomalyKind.SPIKE) {
            cpu = clampPercent(cpu + SPIKE_CPU);
            latency *= SPIKE_LATENCY_FACTOR;
        }
        float[] v = new float[FEATURES.size()];
        v[CPU] = round(cpu);
        v[MEM] = round(clampPercent(mem));
        v[LATENCY] = round(Math.max(MIN_LATENCY, latency));
        v[RPS] = round(rps);
        return v;
    }

    /** The fleet's load at a point of the day (0..1 is one day), between about 0.1 and 1. */
    static double load(double dayPos) {
        return LOAD_MEAN + LOAD_DAILY * Math.sin(2 * Math.PI * (dayPos - PEAK_OF_DAY + 0.25))
                + LOAD_HARMONIC * Math.sin(4 * Math.PI * dayPos + 1);
    }

    private static double clampPercent(double v) {
        return Math.max(0, Math.min(MAX_PERCENT, v));
    }

    private static float round(double v) {
        return (float) (Math.round(v * ROUNDING) / ROUNDING);
    }

    /** One seed per (seed, host, step): SplittableRandom spreads nearby seeds well. */
    static long mix(long seed, int host, long s) {
        return seed * 0x9E3779B97F4A7C15L + host * 0xC2B2AE3D27D4EB4FL + s * 0x165667B19E3779F9L;
    }
}
