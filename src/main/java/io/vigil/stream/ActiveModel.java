package io.vigil.stream;

import io.vigil.detect.Detector;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;

/** The model currently scoring, with the detector calibrated for it. */
record ActiveModel(LoadedModel model, Detector detector, double threshold) {
    ModelMetadata metadata() {
        return model.metadata();
    }
}
