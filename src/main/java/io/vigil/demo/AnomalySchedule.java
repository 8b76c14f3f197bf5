package io.vigil.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When, where and what the demo injects: after {@code warmup} normal steps, one anomaly about every
 * {@code interval} steps, the kinds taken in a shuffled round so every kind comes up once per round,
 * the hosts likewise. A host gets its next anomaly only after {@link #RECOVERY} normal steps, so one
 * anomaly's alert has ended before the next begins there. The plan is made lazily, as far as it is
 * asked for, and depends only on the seed: the same seed gives the same anomalies. Thread-safe.
 */
public final class AnomalySchedule {
    /** No anomalies at all: normal history. */
    public static final AnomalySchedule NONE = new AnomalySchedule(0, 0, Long.MAX_VALUE / 2, 1);
    /** Normal steps a host gets between two of its anomalies: the detector's window and then some. */
    public static final int RECOVERY = 48;
    /** Start times vary by up to this fraction of the interval. */
    static final double JITTER = 0.25;

    private final SplittableRandom random;
    private final int hosts;
    private final long warmup;
    private final long interval;
    private final List<InjectedAnomaly> planned = new ArrayList<>();
    private final long[] hostFree;
    private List<String> names;
    private int[] kindRound = new int[0];
    private int[] hostRound = new int[0];
    private long nextStart;

    private AnomalySchedule(long seed, int hosts, long warmup, long interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("the anomaly interval must be at least 1 step, got " + interval);
        }
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.hosts = hosts;
        this.warmup = warmup;
        this.interval = interval;
        this.hostFree = new long[Math.max(hosts, 0)];
        this.nextStart = warmup;
    }

    /** Anomalies on these hosts from step {@code warmup} on, about one every {@code interval} steps. */
    public static AnomalySchedule every(long seed, List<HostProfile> hosts, long warmup, long interval) {
        AnomalySchedule s = new AnomalySchedule(seed, hosts.size(), warmup, interval);
        s.names = hosts.stream().map(HostProfile::name).toList();
        return s;
    }

    /** The anomaly host {@code host} has at step {@code step}, or null. */
    public synchronized InjectedAnomaly active(int host, long step) {
        if (hosts == 0) {
            return null;
        }
        planUntil(step);
        for (int i = planned.size() - 1; i >= 0; i--) {
            InjectedAnomaly a = planned.get(i);
            if (a.hostIndex() == host && a.covers(step)) {
                return a;
            }
            if (a.endStep() + RECOVERY + interval < step) {
                break; // the plan is in start order and no anomaly is that long
            }
        }
        return null;
    }

    /** Every anomaly starting before {@code step}, in start order. */
    public synchronized List<InjectedAnomaly> startedBefore(long step) {
        if (hosts == 0) {
            return List.of();
        }
        planUntil(step);
        return planned.stream().filter(a -> a.startStep() < step).toList();
    }

    private void planUntil(long step) {
        while (nextStart <= step) {
            int k = planned.size();
            AnomalyKind kind = AnomalyKind.values()[next(k, AnomalyKind.values().length, true)];
            int host = next(k, hosts, false);
            long start = Math.max(nextStart, hostFree[host]);
            InjectedAnomaly a = new InjectedAnomaly(host, names.get(host), kind, start, start + kind.steps());
            planned.add(a);
            hostFree[host] = a.endStep() + RECOVERY;
            nextStart = start + interval + (long) (random.nextDouble() * JITTER * interval);
        }
    }

    /** The k-th pick from rounds of shuffled 0..n-1. */
    private int next(int k, int n, boolean kinds) {
        int[] round = kinds ? kindRound : hostRound;
        if (k % n == 0 || round.length != n) {
            round = shuffled(n);
            if (kinds) {
                kindRound = round;
            } else {
                hostRound = round;
            }
        }
        return round[k % n];
    }

    private int[] shuffled(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    public long warmup() {
        return warmup;
    }
}
