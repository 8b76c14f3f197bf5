package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class OpsFilesParseTest {
    private static final List<String> FOLDERS = List.of("grafana", "deploy");

    @TestFactory
    Stream<DynamicTest> everyYamlFileParses() {
        List<String> files = OpsFiles.filesUnder(FOLDERS, ".yml", ".yaml");
        assertFalse(files.isEmpty(), "no YAML files under " + FOLDERS);
        return files.stream().map(f -> DynamicTest.dynamicTest(f, () -> assertFalse(
                assertDoesNotThrow(() -> OpsFiles.yamlDocuments(f), f + " is not valid YAML").isEmpty(),
                f + " holds no YAML document")));
    }

    @TestFactory
    Stream<DynamicTest> everyJsonFileParses() {
        List<String> files = OpsFiles.filesUnder(FOLDERS, ".json");
        assertFalse(files.isEmpty(), "no JSON files under " + FOLDERS);
        return files.stream().map(f -> DynamicTest.dynamicTest(f, () -> assertDoesNotThrow(() -> OpsFiles.json(f))));
    }
}
