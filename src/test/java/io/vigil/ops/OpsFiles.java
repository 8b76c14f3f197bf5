package io.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's operations files (grafana/, deploy/, .ci/) read as text, YAML or JSON. YAML is
 * read with SnakeYAML (safe constructor) into plain maps and lists; paths are relative to the
 * repository root, found by walking up from the working directory to pom.xml.
 */
public final class OpsFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = findRoot();

    private OpsFiles() {}

    /** The repository root: the nearest directory above the working directory holding pom.xml. */
    public static Path root() {
        return ROOT;
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    /** Every document of a YAML file, as maps, lists and scalars; empty documents are skipped. */
    public static List<Object> yamlDocuments(String relative) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text(relative))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** A YAML file holding one document that is a mapping. */
    public static Map<String, Object> yamlMap(String relative) {
        List<Object> documents = yamlDocuments(relative);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new IllegalStateException(relative + ": expected one YAML mapping, found " + documents.size() + " documents");
        }
        return Yamls.map(documents.get(0), relative);
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(text(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(relative + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Keys of a properties file, in file order. */
    public static Map<String, String> properties(String relative) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(path(relative), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, properties.getProperty(k)));
        return out;
    }

    /** Files under the given top-level folders whose names end with one of the extensions, as relative paths. */
    public static List<String> filesUnder(List<String> folders, String... extensions) {
        List<String> found = new ArrayList<>();
        for (String folder : folders) {
            Path dir = path(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                        .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return found;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside deploy/) above " + dir);
    }
}
