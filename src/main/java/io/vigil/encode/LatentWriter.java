package io.vigil.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes latent vectors as CSV ({@code id,z0..zL-1[,label]}) or, for {@code .jsonl}/{@code .ndjson}/
 * {@code .json}, JSON lines ({@code {"id", "label", "latent": [..]}}). The CSV header needs to know
 * whether there are labels, so it is written with the first row.
 */
public final class LatentWriter implements AutoCloseable {
    private final Writer out;
    private final JsonGenerator json;
    private final boolean labelled;
    private boolean headerDone;

    private LatentWriter(Writer out, boolean jsonLines, boolean labelled) throws IOException {
        this.out = out;
        this.labelled = labelled;
        this.json = jsonLines ? new JsonFactory().createGenerator(out).setRootValueSeparator(null) : null;
    }

    /** Opens {@code file}, choosing the format by its extension; {@code labelled} adds a label column. */
    public static LatentWriter open(Path file, boolean labelled) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonLines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json");
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new LatentWriter(w, jsonLines, labelled);
    }

    public void write(String id, String label, float[] latent) throws IOException {
        if (json != null) {
            json.writeStartObject();
            json.writeStringField("id", id);
            if (labelled) {
                json.writeStringField("label", label);
            }
            json.writeArrayFieldStart("latent");
            for (float v : latent) {
                json.writeNumber(v);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out.write('\n');
            return;
        }
        if (!headerDone) {
            StringBuilder h = new StringBuilder("id");
            for (int i = 0; i < latent.length; i++) {
                h.append(",z").append(i);
            }
            out.write(h.append(labelled ? ",label\n" : "\n").toString());
            headerDone = true;
        }
        StringBuilder row = new StringBuilder(csv(id));
        for (float v : latent) {
            row.append(',').append(v);
        }
        if (labelled) {
            row.append(',').append(label == null ? "" : csv(label));
        }
        out.write(row.append('\n').toString());
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.close();
        }
        out.close();
    }
}
