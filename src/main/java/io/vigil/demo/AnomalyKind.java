package io.vigil.demo;

import java.util.Locale;

/**
 * The kinds of anomaly the demo injects, each with how long it lasts (in generator steps) and what it
 * does to a host's telemetry. Durations are short enough that several fit in a minute of demo, and
 * long enough that the detector's windows see them whole.
 */
public enum AnomalyKind {
    /** A brief burst: cpu jumps and requests get several times slower. */
    SPIKE(4, "cpu and latency jump for a moment"),
    /** Traffic collapses (an upstream outage); cpu and latency follow the low load. */
    DIP(12, "requests per second drop to a fraction"),
    /** Every request gets slower (a slow dependency after a deploy) and stays so. */
    LEVEL_SHIFT(30, "latency and cpu move to a higher level"),
    /** The load oscillates many times faster than its daily cycle. */
    FREQUENCY_CHANGE(36, "the load cycles much faster than daily"),
    /** A stuck collector: every feature repeats the value it had at the start. */
    FLAT_LINE(48, "every feature freezes at one value"),
    /** cpu climbs while traffic does not: work without requests (a runaway job). */
    CORRELATION_BREAK(20, "cpu rises while rps does not");

    private final int steps;
    private final String description;

    AnomalyKind(int steps, String description) {
        this.steps = steps;
        this.description = description;
    }

    /** How many generator steps the anomaly lasts. */
    public int steps() {
        return steps;
    }

    public String description() {
        return description;
    }

    /** The name users see: {@code level_shift}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
