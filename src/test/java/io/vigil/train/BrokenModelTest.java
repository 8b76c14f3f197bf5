package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelException;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import io.vigil.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models that must never score: each is refused at load with a message that says why. */
class BrokenModelTest {
    @TempDir
    Path dir;

    /** A real, correctly checksummed SavedModel whose weights are NaN: its warm-up call returns NaN. */
    @Test
    void modelReturningNaNIsRefusedAtLoad() throws Exception {
        Path good = ModelDirectory.resolve(TestModels.hostsModel(), null);
        ModelMetadata meta = ModelMetadataMapper.read(good);
        Path broken = Files.createDirectories(dir.resolve("nan/20260101T000000Z"));
        var spec = TrainingRun.spec(new TrainingRequest(java.util.List.of(good), HistoryOptions.defaults(), meta.window(), 1, null,
                0.2, meta.architecture().encoderHidden(), meta.architecture().decoderHidden(), meta.architecture().latent(),
                io.vigil.model.ModelSpec.Variant.REPEAT, false, io.vigil.model.ModelSpec.OutputActivation.LINEAR,
                io.vigil.model.Normalization.Method.ZSCORE, 0, new Trainer.Settings(1, 1, 0.01, 0, 1), 0.99, "nan", broken).model(),
                meta.window(), meta.features().size(), new FeatureStats(new double[] {0.5, 0.6}, new double[] {0.2, 0.1}, new double[] {0, 0},
                        new double[] {1, 1}, 100));
        Map<String, float[]> weights = new LinkedHashMap<>();
        // Shapes come from the graph: one tiny training step learns every parameter's size; then all NaN.
        Trainer.Result shapes = Trainer.train(spec, new float[meta.window() * meta.features().size()], 1, new float[0], 0,
                new Trainer.Settings(1, 1, 0.01, 0, 1), new Trainer.Listener() { });
        shapes.weights().forEach((name, values) -> {
            float[] nan = new float[values.length];
            java.util.Arrays.fill(nan, Float.NaN);
            weights.put(name, nan);
        });
        ModelExporter.export(broken, spec, weights);
        ModelMetadataMapper.write(broken, new ModelMetadata(meta.formatVersion(), "nan", "20260101T000000Z", meta.createdAt(),
                meta.vigilVersion(), meta.features(), meta.window(), meta.loss(), meta.normalization(), meta.trainingRange(),
                meta.architecture(), meta.training(), meta.validationErrors(), meta.calibration(), meta.data(),
                ModelDirectory.checksums(broken)));
        ModelException e = assertThrows(ModelException.class, () -> LoadedModel.load(broken, null).close());
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void modelJsonDisagreeingWithTheSavedModelIsRefused() throws Exception {
        Path good = ModelDirectory.resolve(TestModels.hostsModel(), null);
        Path copy = dir.resolve("copy/20260101T000000Z");
        try (var walk = Files.walk(good)) {
            for (Path p : walk.toList()) {
                Path t = copy.resolve(good.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        ModelMetadata m = ModelMetadataMapper.read(copy);
        ModelMetadataMapper.write(copy, new ModelMetadata(m.formatVersion(), m.name(), m.version(), m.createdAt(), m.vigilVersion(),
                m.features(), m.window() + 4, m.loss(), m.normalization(), m.trainingRange(), m.architecture(), m.training(),
                m.validationErrors(), m.calibration(), m.data(), m.checksums()));
        ModelException e = assertThrows(ModelException.class, () -> LoadedModel.load(copy, null).close());
        assertTrue(e.getMessage().contains("window"), e.getMessage());
    }
}
