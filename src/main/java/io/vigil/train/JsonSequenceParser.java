package io.vigil.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.telemetry.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * JSON-lines sequence files: one object per line, {@code {"sequence": [[f0, f1, ...], ...]}} with 1 to
 * {@code steps} arrays of {@code features} numbers, and optionally a label field (any scalar). A shorter
 * sequence is padded with zeros to {@code steps}; its length tells the model where the padding starts.
 */
final class JsonSequenceParser {
    static final String SEQUENCE_FIELD = "sequence";
    static final String DEFAULT_LABEL_FIELD = "label";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSequenceParser() {
    }

    static int parse(InputStream in, String name, SequenceReader.Options options, SequenceReader.RowSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), SequenceReader.BUFFER);
        String labelField = options.labelColumn() == null ? DEFAULT_LABEL_FIELD : options.labelColumn();
        float[] values = new float[options.steps() * options.features()];
        int row = 0;
        long line = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            int group = sink.groupOf(row);
            if (group >= 0) {
                JsonNode node;
                try {
                    node = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    throw InputException.at(name, line, "not JSON (" + e.getOriginalMessage() + ")");
                }
                int length = sequence(node, name, line, options, values);
                sink.accept(group, row, values, length, label(node, labelField));
            }
            row++;
        }
        return row;
    }

    /** Fills {@code values} with the sequence and zero padding; returns its length in steps. */
    private static int sequence(JsonNode node, String name, long line, SequenceReader.Options o, float[] values) {
        if (node == null || !node.isObject()) {
            throw InputException.at(name, line, "expected an object {\"sequence\": [[...], ...]}");
        }
        JsonNode seq = node.get(SEQUENCE_FIELD);
        if (seq == null || !seq.isArray()) {
            throw InputException.at(name, line, "field \"sequence\" is missing or not an array of steps");
        }
        int length = seq.size();
        if (length == 0) {
            throw InputException.at(name, line, "\"sequence\" is empty, expected 1 to --steps " + o.steps() + " steps");
        }
        if (length > o.steps()) {
            throw InputException.at(name, line, "\"sequence\" has " + length + " steps, more than --steps " + o.steps()
                    + " (the longest sequence the model reads)");
        }
        for (int t = 0; t < length; t++) {
            JsonNode step = seq.get(t);
            if (!step.isArray() || step.size() != o.features()) {
                throw InputException.at(name, line, "\"sequence\"[" + t + "] is " + describe(step) + ", expected an array of "
                        + o.features() + " numbers (--features-per-step)");
            }
            for (int f = 0; f < o.features(); f++) {
                JsonNode v = step.get(f);
                double d = v.isNumber() ? v.doubleValue() : Double.NaN;
                if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
                    throw InputException.at(name, line, "\"sequence\"[" + t + "][" + f + "] is " + v + ", expected a finite number");
                }
                values[t * o.features() + f] = (float) d;
            }
        }
        java.util.Arrays.fill(values, length * o.features(), values.length, 0f);
        return length;
    }

    private static String label(JsonNode node, String labelField) {
        JsonNode label = node.get(labelField);
        return label == null || label.isNull() ? null : label.asText();
    }

    private static String describe(JsonNode n) {
        return n.isArray() ? "an array of " + n.size() : n.toString();
    }
}
