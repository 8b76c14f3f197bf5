package io.vigil.detect;

/**
 * The per-series state of a calibration that learns from each series' own errors ({@link StreamingLikelihood},
 * {@link Spot}): a plain immutable value that the caller keeps between windows (the stream in a changelogged
 * store, through {@link CalibrationStateMapper}) and passes back with the next window.
 */
public sealed interface CalibrationState permits StreamingLikelihood.State, Spot.State {
}
