package io.vigil.train;

import io.vigil.telemetry.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads training history from CSV ({@code .csv}, {@code .csv.gz}) and JSON lines ({@code .jsonl},
 * {@code .ndjson}, {@code .json}, optionally gzipped) into one {@link History}. Each CSV file is one
 * series named after the file unless a series column is configured; JSON lines use their
 * {@code series} field when present. Every problem with the input is an {@link InputException}
 * naming the file, the line and the column or field, so the user can go straight to it.
 */
public final class HistoryReader {
    private static final String GZIP = ".gz";
    private static final List<String> CSV = List.of(".csv");
    private static final List<String> JSON_LINES = List.of(".jsonl", ".ndjson", ".json");
    /** How far to look for the first non-blank character when deciding a file is empty. */
    private static final int EMPTY_PROBE_CHARS = 8192;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final HistoryOptions options;

    public HistoryReader(HistoryOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Reads the files in the given order; rows of one series may come from several files. */
    public History read(List<Path> files) {
        if (files.isEmpty()) {
            throw new InputException("no history files given");
        }
        List<ParsedFile> parsed = new ArrayList<>();
        for (Path file : files) {
            parsed.add(readFile(file));
        }
        return HistoryAssembler.assemble(parsed, options);
    }

    private ParsedFile readFile(Path file) {
        String name = String.valueOf(file.getFileName());
        String lower = name.toLowerCase(Locale.ROOT);
        boolean gzip = lower.endsWith(GZIP);
        String plain = gzip ? lower.substring(0, lower.length() - GZIP.length()) : lower;
        String extension = plain.contains(".") ? plain.substring(plain.lastIndexOf('.')) : "";
        boolean csv = CSV.contains(extension);
        if (!csv && !JSON_LINES.contains(extension)) {
            throw new InputException(name + ": unknown file type; expected .csv, .csv.gz, .jsonl, .ndjson or .json"
                    + " (JSON lines), optionally gzipped");
        }
        String series = name.substring(0, name.length() - extension.length() - (gzip ? GZIP.length() : 0));
        if (Files.isDirectory(file)) {
            throw new InputException(name + ": is a directory, expected a history file (" + file + ")");
        }
        try (BufferedReader in = open(file, gzip)) {
            if (isBlank(in)) {
                throw InputException.at(name, 1, "file is empty, expected "
                        + (csv ? "a header row such as " + options.timestampColumn() + ",value" : "JSON lines"));
            }
            return csv ? CsvHistoryFile.read(in, name, options, series)
                    : JsonLinesHistoryFile.read(in, name, options, series);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": cannot read the file, permission denied (" + file + ")", e);
        } catch (ZipException e) {
            throw new InputException(name + ": not a gzip file (" + e.getMessage() + "); rename it without .gz", e);
        } catch (CharacterCodingException e) {
            throw new InputException(name + ": not UTF-8 text; convert it to UTF-8", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e, e);
        }
    }

    /** Strict UTF-8 (bad bytes are an error, not silent replacement characters), BOM skipped. */
    private static BufferedReader open(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static boolean isBlank(BufferedReader in) throws IOException {
        in.mark(EMPTY_PROBE_CHARS);
        try {
            for (int i = 0; i < EMPTY_PROBE_CHARS; i++) {
                int c = in.read();
                if (c < 0) {
                    return true;
                }
                if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }
}
