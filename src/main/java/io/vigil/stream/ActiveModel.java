package io.vigil.stream;

import io.vigil.detect.ScoringPolicy;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;

/** The model currently scoring, with the calibration and detector set up for it. */
record ActiveModel(LoadedModel model, ScoringPolicy policy, double threshold) {
    ModelMetadata metadata() {
        return model.metadata();
    }
}
