package io.vigil.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.telemetry.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads latent vectors in the formats {@link LatentWriter} writes: CSV {@code id,z0..zL-1[,label]} or JSON
 * lines {@code {"id", "label", "latent": [..]}} ({@code .jsonl}/{@code .ndjson}/{@code .json}). Every
 * vector must have the same size; a bad cell is an {@link InputException} naming file, line and field.
 */
public final class LatentReader {
    private static final String ID = "id";
    private static final String LABEL = "label";
    private static final String LATENT = "latent";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build();

    private LatentReader() {
    }

    public static Latents read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Collected c = json ? readJson(in, name) : readCsv(in, name);
            if (c.ids.isEmpty()) {
                throw new InputException(name + ": no latent vectors");
            }
            return new Latents(name, c.size, c.ids.size(), c.ids.toArray(String[]::new), Arrays.copyOf(c.values, c.ids.size() * c.size),
                    c.labelled ? c.labels.toArray(String[]::new) : null);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file (" + file + ")");
        }
    }

    /** Rows as they are read: the vector size is fixed by the header (CSV) or the first line (JSON). */
    private static final class Collected {
        final List<String> ids = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        float[] values = new float[1024];
        int size = -1;
        boolean labelled;

        void add(String id, String label, float[] latent) {
            int n = ids.size();
            if ((n + 1) * size > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, (n + 1) * size));
            }
            System.arraycopy(latent, 0, values, n * size, size);
            ids.add(id);
            labels.add(label);
        }
    }

    private static Collected readCsv(BufferedReader in, String name) throws IOException {
        Collected c = new Collected();
        try (CSVParser parser = CSV.parse(in)) {
            List<String> header = null;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (header == null) {
                    header = record.toList();
                    c.labelled = header.get(header.size() - 1).equals(LABEL);
                    c.size = header.size() - 1 - (c.labelled ? 1 : 0);
                    checkHeader(name, header, c.size);
                    continue;
                }
                if (record.size() != header.size()) {
                    throw InputException.at(name, line, "row has " + record.size() + " cells, the header has " + header.size());
                }
                float[] latent = new float[c.size];
                for (int i = 0; i < c.size; i++) {
                    latent[i] = number(name, line, header.get(i + 1), record.get(i + 1));
                }
                c.add(record.get(0), c.labelled ? record.get(header.size() - 1) : null, latent);
            }
        }
        return c;
    }

    private static void checkHeader(String name, List<String> header, int size) {
        boolean ok = size >= 1 && header.get(0).equals(ID);
        for (int i = 0; ok && i < size; i++) {
            ok = header.get(i + 1).equals("z" + i);
        }
        if (!ok) {
            throw InputException.at(name, 1, "header is \"" + String.join(",", header) + "\", expected id,z0,z1,...[,label] "
                    + "as vigil encode writes it");
        }
    }

    private static float number(String file, long line, String column, String text) {
        try {
            float v = Float.parseFloat(text);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InputException.at(file, line, "column \"" + column + "\" is \"" + text + "\", expected a finite number");
    }

    private static Collected readJson(BufferedReader in, String name) throws IOException {
        Collected c = new Collected();
        String text;
        long line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw InputException.at(name, line, "not JSON (" + e.getOriginalMessage() + ")");
            }
            JsonNode latent = node == null ? null : node.get(LATENT);
            if (latent == null || !latent.isArray() || latent.isEmpty()) {
                throw InputException.at(name, line, "field \"latent\" is missing or not a non-empty array of numbers");
            }
            if (c.size < 0) {
                c.size = latent.size();
                c.labelled = node.has(LABEL);
            } else if (latent.size() != c.size) {
                throw InputException.at(name, line, "\"latent\" has " + latent.size() + " values, earlier lines " + c.size);
            }
            float[] values = new float[c.size];
            for (int i = 0; i < c.size; i++) {
                JsonNode v = latent.get(i);
                if (!v.isNumber() || !Float.isFinite(v.floatValue())) {
                    throw InputException.at(name, line, "\"latent\"[" + i + "] is " + v + ", expected a finite number");
                }
                values[i] = v.floatValue();
            }
            JsonNode id = node.get(ID);
            JsonNode label = node.get(LABEL);
            if (c.labelled != (label != null)) {
                throw InputException.at(name, line, c.labelled ? "no \"label\", but earlier lines have one" : "a \"label\", but line 1 has none");
            }
            c.add(id == null ? Long.toString(c.ids.size()) : id.asText(), label == null || label.isNull() ? null : label.asText(), values);
        }
        return c;
    }
}
