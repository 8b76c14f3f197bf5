package io.vigil.telemetry;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Phrasing for rejection details. Details quote text from untrusted input, so quoted text is
 * shortened and control characters escaped: a detail stays one short line whatever was sent.
 */
final class Details {
    /** Longest piece of input text (after escaping) quoted in a detail; longer text is cut and marked with "...". */
    static final int MAX_QUOTED_CHARS = 64;
    private static final char FIRST_PRINTABLE = 0x20;

    private Details() {
    }

    /** {@code text} in double quotes, shortened and with quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        return "\"" + shorten(text) + "\"";
    }

    /** {@code text} escaped as by {@link #quote}, without quotes, and cut to {@link #MAX_QUOTED_CHARS} after escaping. */
    static String shorten(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 3);
        for (int i = 0; i < text.length(); i++) {
            if (b.length() >= MAX_QUOTED_CHARS) {
                return b.append("...").toString();
            }
            char c = text.charAt(i);
            if (c < FIRST_PRINTABLE) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The JSON type of a value token, with its article: "a string", "an object", "null". */
    static String typeOf(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_NULL:
                return "null";
            default:
                return "an unexpected " + token;
        }
    }

    /** How a value starts when it is not a JSON object: {@code '['}, or {@code byte 0x89} when not printable ASCII. */
    static String startingByte(byte b) {
        int u = b & 0xFF;
        return u > FIRST_PRINTABLE && u < 0x7F ? "'" + (char) u + "'" : String.format("byte 0x%02x", u);
    }
}
