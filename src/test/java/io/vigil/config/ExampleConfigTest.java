package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files users read and copy stay in step with the keys the code knows. */
class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("deploy/vigil.properties");
    private static final Path DOCS = Path.of("docs/configuration.md");

    @Test
    void exampleFileLoadsWithoutWarnings(@TempDir Path modelDir) {
        VigilConfig c = VigilConfig.load(EXAMPLE, Map.of("VIGIL_MODEL_DIR", modelDir.toString()));

        assertEquals(List.of(), c.warnings());
        assertEquals(modelDir, c.modelDir());
    }

    @Test
    void exampleFileSetsEveryKeyToItsDefault() {
        Properties example = ConfigSources.readFile(EXAMPLE);

        assertEquals(ConfigKeys.documentedDefaults().keySet(), example.stringPropertyNames());
        ConfigKeys.documentedDefaults().forEach((key, value) -> {
            if (value != null) {
                assertEquals(value, example.getProperty(key), key);
            }
        });
    }

    @Test
    void docsTableListsEveryKeyWithItsDefault() throws IOException {
        String docs = Files.readString(DOCS);
        Set<String> emptyMeans = Set.of("empty = the newest", "empty = off", "empty = the model's");

        ConfigKeys.documentedDefaults().forEach((key, value) -> {
            String row = "| `" + key + "` | ";
            assertTrue(docs.contains(row), "no row for " + key);
            String cell = docs.substring(docs.indexOf(row) + row.length()).split(" \\|", 2)[0];
            if (value == null) {
                assertEquals("required", cell, key);
            } else if (value.isEmpty()) {
                assertTrue(emptyMeans.contains(cell), key + ": " + cell);
            } else {
                assertEquals("`" + value + "`", cell, key);
            }
        });
    }
}
