package io.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    @TempDir
    Path dir;

    private Path version(String name) throws Exception {
        Path v = Files.createDirectories(dir.resolve(name));
        Files.writeString(v.resolve("model.json"), "{}");
        Files.writeString(v.resolve("saved_model.pb"), "graph " + name);
        Files.createDirectories(v.resolve("variables"));
        Files.writeString(v.resolve("variables/variables.index"), "index");
        return v;
    }

    @Test
    void nameDirectoryResolvesToTheNewestVersionUnlessPinned() throws Exception {
        version("20261101T000000Z");
        version("20261123T101500Z");
        Files.createDirectories(dir.resolve(".training-123"));
        assertEquals("20261123T101500Z", ModelDirectory.resolve(dir, null).getFileName().toString());
        assertEquals("20261101T000000Z", ModelDirectory.resolve(dir, "20261101T000000Z").getFileName().toString());
        Path v = dir.resolve("20261101T000000Z");
        assertEquals(v, ModelDirectory.resolve(v, null), "a version directory is itself");
    }

    @Test
    void unknownPinListsTheAvailableVersions() throws Exception {
        version("20261101T000000Z");
        ModelException e = assertThrows(ModelException.class, () -> ModelDirectory.resolve(dir, "20250101T000000Z"));
        assertTrue(e.getMessage().contains("20261101T000000Z"), e.getMessage());
    }

    @Test
    void emptyNameDirectoryIsRefused() {
        assertThrows(ModelException.class, () -> ModelDirectory.resolve(dir, null));
        assertThrows(ModelException.class, () -> ModelDirectory.resolve(dir.resolve("absent"), null));
    }

    @Test
    void checksumsCoverTheSavedModelAndDetectChangesAndMissingFiles() throws Exception {
        Path v = version("20261123T101500Z");
        Map<String, String> sums = ModelDirectory.checksums(v);
        assertEquals(2, sums.size(), sums.toString());
        ModelDirectory.verify(v, sums);

        Files.writeString(v.resolve("variables/variables.index"), "tampered");
        ModelException changed = assertThrows(ModelException.class, () -> ModelDirectory.verify(v, sums));
        assertTrue(changed.getMessage().contains("variables/variables.index"), changed.getMessage());

        Files.delete(v.resolve("saved_model.pb"));
        ModelException missing = assertThrows(ModelException.class, () -> ModelDirectory.verify(v, sums));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    @Test
    void modelWithoutChecksumsIsRefused() throws Exception {
        Path v = version("20261123T101500Z");
        assertThrows(ModelException.class, () -> ModelDirectory.verify(v, Map.of()));
    }
}
