package io.vigil.config;

/**
 * What a series' window does when two consecutive records are further apart than {@code max.gap}
 * (key {@code gap.policy}, written in lower case).
 */
public enum GapPolicy {
    /** The window starts afresh after the gap: no window spans it, as in training. The default. */
    RESET,
    /** The window keeps its points across the gap, as if the series had not paused. */
    CARRY
}
