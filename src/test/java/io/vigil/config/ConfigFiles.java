package io.vigil.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small config files and model directories for the tests. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** A {@code vigil.properties} in {@code dir} with these lines, plus a {@code model.dir} that exists. */
    static Path write(Path dir, String... lines) {
        try {
            Path model = Files.createDirectories(dir.resolve("models/m"));
            Path file = dir.resolve("vigil.properties");
            String text = "model.dir=" + model.toString().replace("\\", "/") + "\n" + String.join("\n", lines) + "\n";
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
