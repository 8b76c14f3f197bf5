package io.vigil.train.report;

import java.time.Duration;

/** Time since the start of a window in the unit that keeps the axis labels short. */
enum TimeAxis {
    SECONDS("s", 1_000),
    MINUTES("min", 60_000),
    HOURS("h", 3_600_000),
    DAYS("d", 86_400_000);

    /** A span of up to this many units stays in that unit; beyond it the next larger one reads better. */
    private static final long MAX_UNITS = 180;

    private final String symbol;
    private final long millis;

    TimeAxis(String symbol, long millis) {
        this.symbol = symbol;
        this.millis = millis;
    }

    static TimeAxis forSpan(long spanMillis) {
        for (TimeAxis unit : values()) {
            if (spanMillis <= MAX_UNITS * unit.millis) {
                return unit;
            }
        }
        return DAYS;
    }

    double of(long offsetMillis) {
        return (double) offsetMillis / millis;
    }

    String title() {
        return "time since window start (" + symbol + ")";
    }

    /** A step length as people write it: {@code 250ms}, {@code 30s}, {@code PT1M30S} for odd ones. */
    static String describe(long stepMillis) {
        Duration d = Duration.ofMillis(stepMillis);
        if (stepMillis < 1_000) {
            return stepMillis + "ms";
        }
        for (TimeAxis unit : new TimeAxis[] {DAYS, HOURS, MINUTES, SECONDS}) {
            if (stepMillis % unit.millis == 0) {
                return stepMillis / unit.millis + (unit == MINUTES ? "m" : unit.symbol);
            }
        }
        return d.toString();
    }
}
