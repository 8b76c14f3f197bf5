package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A deliberately small JSON Schema check for tests: {@code type}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code oneOf}, {@code not: {required}},
 * {@code minimum} and {@code exclusiveMaximum}. Enough to hold our messages to our schemas
 * without a validator dependency.
 */
public final class SchemaCheck {
    public static final ObjectMapper JSON = new ObjectMapper();

    private SchemaCheck() {
    }

    public static JsonNode schema(String name) {
        try {
            return JSON.readTree(Path.of("docs", "schemas", name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way {@code instance} breaks {@code schema}; empty when it conforms. */
    public static List<String> violations(JsonNode schema, JsonNode instance) {
        List<String> out = new ArrayList<>();
        check(schema, instance, "$", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode node, String at, List<String> out) {
        if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
            out.add(at + " is " + node.getNodeType() + ", schema says " + schema.get("type"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), node)) {
            out.add(at + " = " + node + " is not one of " + schema.get("enum"));
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode branch : schema.get("oneOf")) {
                matches += violations(branch, node).isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                out.add(at + " matches " + matches + " branches of oneOf");
            }
        }
        if (node.isNumber() && schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
            out.add(at + " is below " + schema.get("minimum"));
        }
        if (node.isNumber() && schema.has("exclusiveMaximum")
                && node.asDouble() >= schema.get("exclusiveMaximum").asDouble()) {
            out.add(at + " is not below " + schema.get("exclusiveMaximum"));
        }
        if (node.isNumber() && schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
            out.add(at + " is above " + schema.get("maximum"));
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(schema.get("items"), node.get(i), at + "[" + i + "]", out);
            }
        }
        if (!node.isObject()) {
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asText())) {
                out.add(at + " lacks required \"" + required.asText() + "\"");
            }
        }
        JsonNode forbidden = schema.path("not").path("required");
        if (forbidden.isArray()) {
            boolean all = true;
            for (JsonNode name : forbidden) {
                all &= node.has(name.asText());
            }
            if (all) {
                out.add(at + " has all of " + forbidden + ", which the schema forbids together");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (properties.has(name)) {
                check(properties.get(name), node.get(name), at + "." + name, out);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                out.add(at + " has \"" + name + "\", which the schema does not allow");
            } else if (additional != null && additional.isObject()) {
                check(additional, node.get(name), at + "." + name, out);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode node) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, node)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object": return node.isObject();
            case "array": return node.isArray();
            case "string": return node.isTextual();
            case "integer": return node.isIntegralNumber();
            case "number": return node.isNumber();
            case "boolean": return node.isBoolean();
            case "null": return node.isNull();
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static boolean contains(JsonNode values, JsonNode node) {
        for (JsonNode v : values) {
            if (v.equals(node)) {
                return true;
            }
        }
        return false;
    }
}
