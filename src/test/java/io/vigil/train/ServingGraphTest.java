package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Cell;
import io.vigil.model.ModelSignature;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.testing.TestModels;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;

/**
 * What training exports is the fused serving graph, recorded as such in {@code model.json}
 * ({@link ShippedModelsReexportTest} compares it with the unrolled graph on the shipped models' weights).
 */
class ServingGraphTest {
    @Test
    void trainingExportsTheFusedGraphAndSaysSoInModelJson() {
        Path version = ModelDirectory.resolve(TestModels.hostsModel(), null);
        assertEquals(Cell.HYBRID.wireName(), ModelMetadataMapper.read(version).architecture().cell());
        try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), ModelSignature.TAG)) {
            assertEquals(1, opsOfType(bundle, "BlockLSTMV2"), "the encoder is one fused op");
            assertTrue(opsOfType(bundle, "Sigmoid") <= 3 * TestModels.WINDOW, "only the repeat decoder's layer is unrolled");
        }
    }

    private static long opsOfType(SavedModelBundle bundle, String type) {
        return StreamSupport.stream(((Iterable<GraphOperation>) () -> bundle.graph().operations()).spliterator(), false)
                .filter(op -> op.type().equals(type)).count();
    }
}
