package io.vigil.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk layout {@code models/<name>/<version>/}: versions are UTC timestamps
 * {@code yyyyMMdd'T'HHmmss'Z'} that sort in time order. Resolves a name or version directory to a version,
 * lists versions, and computes and verifies the checksums recorded in {@code model.json}.
 */
public final class ModelDirectory {
    public static final DateTimeFormatter VERSION_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern VERSION = Pattern.compile("\\d{8}T\\d{6}Z");
    /** The SavedModel files whose checksums are recorded; the report is documentation and not checked. */
    static final List<String> CHECKED_FILES_ROOTS = List.of("saved_model.pb", "variables");

    private ModelDirectory() {
    }

    public static boolean isVersionName(String name) {
        return VERSION.matcher(name).matches();
    }

    public static String versionName(Instant time) {
        return VERSION_FORMAT.format(time);
    }

    /** The version directories under a name directory, oldest first. */
    public static List<Path> versions(Path nameDir) {
        if (!Files.isDirectory(nameDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(nameDir)) {
            return s.filter(p -> Files.isDirectory(p) && isVersionName(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new ModelException("cannot list " + nameDir + ": " + e.getMessage());
        }
    }

    /**
     * A version directory from {@code dir}: itself when it is one, else the pinned version or the newest
     * under it. {@code pin} may be null or empty.
     */
    public static Path resolve(Path dir, String pin) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException("model directory " + dir + " does not exist");
        }
        if (Files.exists(dir.resolve(ModelMetadataMapper.FILE_NAME))) {
            return dir;
        }
        if (pin != null && !pin.isBlank()) {
            Path pinned = dir.resolve(pin.trim());
            if (!Files.isDirectory(pinned)) {
                throw new ModelException("model version " + pin + " not found under " + dir + "; available: " + names(versions(dir)));
            }
            return pinned;
        }
        List<Path> all = versions(dir);
        if (all.isEmpty()) {
            throw new ModelException(dir + " holds no model versions (directories named like 20261123T101500Z with a model.json)");
        }
        return all.get(all.size() - 1);
    }

    /** SHA-256 of every SavedModel file, keyed by path relative to the version directory (with '/'). */
    public static Map<String, String> checksums(Path versionDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String root : CHECKED_FILES_ROOTS) {
            Path p = versionDir.resolve(root);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.put(versionDir.relativize(f).toString().replace('\\', '/'), sha256(f));
                }
            }
        }
        return out;
    }

    /** Checks the files against {@code expected}; a missing, extra-less or changed file is an error. */
    public static void verify(Path versionDir, Map<String, String> expected) {
        if (expected == null || expected.isEmpty()) {
            throw new ModelException(versionDir + "/model.json records no checksums; refusing to load an unverifiable model");
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = versionDir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new ModelException(versionDir + ": " + e.getKey() + " is missing");
            }
            String actual;
            try {
                actual = sha256(f);
            } catch (IOException ex) {
                throw new ModelException(versionDir + ": cannot read " + e.getKey() + ": " + ex.getMessage());
            }
            if (!actual.equals(e.getValue())) {
                throw new ModelException(versionDir + ": checksum of " + e.getKey() + " is " + actual + ", model.json says "
                        + e.getValue() + "; the file was changed or corrupted");
            }
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static Optional<Path> newest(Path nameDir) {
        List<Path> all = versions(nameDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static List<String> names(List<Path> paths) {
        List<String> out = new ArrayList<>();
        paths.forEach(p -> out.add(p.getFileName().toString()));
        return out;
    }
}
