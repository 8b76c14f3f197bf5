package io.vigil.train;

import io.vigil.model.AutoencoderOutputs;
import io.vigil.model.Cell;
import io.vigil.model.LstmAutoencoder;
import io.vigil.model.ModelSignature;
import io.vigil.model.ModelSpec;
import io.vigil.model.VariableParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Writes the forward-only graph (no optimiser, no gradients) with trained weights as a SavedModel whose
 * serving signature is {@link ModelSignature}'s, built with the serving cell ({@link Cell#forServing}):
 * the fused LSTM, which computes the training graph's outputs with a fraction of its ops.
 */
final class ModelExporter {
    private ModelExporter() {
    }

    static void export(Path dir, ModelSpec spec, Map<String, float[]> weights) throws IOException {
        export(dir, spec, weights, Cell.forServing(spec));
    }

    static void export(Path dir, ModelSpec spec, Map<String, float[]> weights, Cell cell) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            AutoencoderOutputs<TFloat32> out = LstmAutoencoder.build(tf, spec, VariableParameters.of(weights), TFloat32.class, cell);
            Signature signature = ModelSignature.of(tf, out);
            try (Session session = new Session(graph)) {
                session.initialize();
                SavedModelBundle.exporter(dir.toString())
                        .withTags(ModelSignature.TAG)
                        .withFunction(SessionFunction.create(signature, session))
                        .export();
            }
        }
    }
}
