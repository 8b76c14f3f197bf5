package io.vigil.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * How one simulated host behaves when all is well: its peak requests per second, how much cpu a
 * request costs, its idle cpu, its base latency and its memory level. Levels depend only on the host's
 * place in the list (never on the seed), so a model trained on one seed's history knows the hosts of
 * any other seed.
 *
 * @param peakRps      requests per second at the busiest hour
 * @param cpuIdle      cpu (%) with no traffic
 * @param cpuPerRps    cpu (%) per request per second
 * @param latencyBase  latency (ms) of an idle host; it grows with cpu
 * @param memBase      memory use (%) around which it drifts
 * @param memPhase     where in its slow drift the host's memory starts (radians)
 */
public record HostProfile(String name, double peakRps, double cpuIdle, double cpuPerRps, double latencyBase,
                          double memBase, double memPhase) {

    /** The default fleet, in order: three web servers, two databases, one cache. */
    public static final int DEFAULT_HOSTS = 6;

    private enum Role {
        WEB("web", 400, 8, 0.14, 45, 48),
        DB("db", 160, 12, 0.30, 22, 72),
        CACHE("cache", 900, 4, 0.05, 6, 60);

        final String prefix;
        final double peakRps;
        final double cpuIdle;
        final double cpuPerRps;
        final double latencyBase;
        final double memBase;

        Role(String prefix, double peakRps, double cpuIdle, double cpuPerRps, double latencyBase, double memBase) {
            this.prefix = prefix;
            this.peakRps = peakRps;
            this.cpuIdle = cpuIdle;
            this.cpuPerRps = cpuPerRps;
            this.latencyBase = latencyBase;
            this.memBase = memBase;
        }
    }

    /** Roles of the default fleet; more hosts than that repeat web, db, cache. */
    private static final Role[] DEFAULT_ROLES = {Role.WEB, Role.WEB, Role.WEB, Role.DB, Role.DB, Role.CACHE};
    private static final Role[] EXTRA_ROLES = {Role.WEB, Role.DB, Role.CACHE};
    /** How far (as a fraction) hosts of one role differ from each other. */
    private static final double SPREAD = 0.08;

    /** {@code n} hosts: {@code web-1..3, db-1..2, cache-1}, then {@code web-4, db-3, cache-2, ...}. */
    public static List<HostProfile> fleet(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--hosts " + n + ": expected at least 1 host");
        }
        List<HostProfile> hosts = new ArrayList<>(n);
        int[] counts = new int[Role.values().length];
        for (int i = 0; i < n; i++) {
            Role role = i < DEFAULT_ROLES.length ? DEFAULT_ROLES[i] : EXTRA_ROLES[(i - DEFAULT_ROLES.length) % EXTRA_ROLES.length];
            int k = ++counts[role.ordinal()];
            // a fixed, seed-independent offset per host: -SPREAD, 0, +SPREAD, ...
            double f = 1 + SPREAD * (((k + 1) % 3) - 1);
            hosts.add(new HostProfile(role.prefix + "-" + k, role.peakRps * f, role.cpuIdle * f, role.cpuPerRps,
                    role.latencyBase * f, role.memBase * (2 - f), 1.7 * i));
        }
        return List.copyOf(hosts);
    }
}
