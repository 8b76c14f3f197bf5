package io.vigil.telemetry;

import static io.vigil.telemetry.ReasonCode.BAD_KEY;
import static io.vigil.telemetry.ReasonCode.BAD_TIMESTAMP;
import static io.vigil.telemetry.ReasonCode.BAD_TYPE;
import static io.vigil.telemetry.ReasonCode.NON_FINITE;
import static io.vigil.telemetry.ReasonCode.NOT_JSON;
import static io.vigil.telemetry.ReasonCode.NO_KNOWN_FEATURE;
import static io.vigil.telemetry.ReasonCode.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and hostile records: each is rejected with its one reason and a short detail, and none throws. */
class TelemetryParserCorpusTest {
    static final List<String> FEATURES = List.of("cpu", "mem", "value");
    static final int MAX_BYTES = 1 << 20;
    private static final int MAX_DETAIL_CHARS = 200;
    private static final byte[] KEY = utf8("web-1");
    private static final String TS = "\"ts\":1732356900000";
    private static final int DEEP = 10_000;
    private static final TelemetryParser PARSER = new TelemetryParser(FEATURES, MAX_BYTES);

    static Stream<Arguments> corpus() {
        List<Arguments> c = new ArrayList<>();
        // not a JSON object at all
        c.add(row("plain text", "hello", NOT_JSON));
        c.add(row("empty value", "", NOT_JSON));
        c.add(row("whitespace only", " \n\t\r ", NOT_JSON));
        c.add(row("null value (tombstone)", KEY, null, NOT_JSON));
        c.add(row("top-level array", "[{" + TS + ",\"value\":1}]", NOT_JSON));
        c.add(row("top-level string", "\"{\\\"ts\\\":1}\"", NOT_JSON));
        c.add(row("top-level number", "42", NOT_JSON));
        c.add(row("top-level null", "null", NOT_JSON));
        c.add(row("top-level boolean", "true", NOT_JSON));
        c.add(row("binary garbage", KEY, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}, NOT_JSON));
        c.add(row("BOM then array", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("[1]")), NOT_JSON));
        c.add(row("UTF-16BE with BOM", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                ("{" + TS + ",\"value\":1}").getBytes(StandardCharsets.UTF_16BE)), NOT_JSON));
        c.add(row("UTF-16LE without BOM", ("{" + TS + ",\"value\":1}").getBytes(StandardCharsets.UTF_16LE), NOT_JSON));
        // broken JSON
        c.add(row("truncated in a number", "{" + TS + ",\"values\":{\"cpu\":0.5", NOT_JSON));
        c.add(row("truncated in a string", "{\"ts\":\"2026-11-23T1", NOT_JSON));
        c.add(row("truncated after a name", "{" + TS + ",\"value\"", NOT_JSON));
        c.add(row("only an opening brace", "{", NOT_JSON));
        c.add(row("trailing garbage", "{" + TS + ",\"value\":1} x", NOT_JSON));
        c.add(row("two objects", "{" + TS + ",\"value\":1}{" + TS + ",\"value\":2}", NOT_JSON));
        c.add(row("single quotes", "{'ts':1732356900000,'value':1}", NOT_JSON));
        c.add(row("unquoted names", "{ts:1732356900000,value:1}", NOT_JSON));
        c.add(row("comment", "{" + TS + ",/* c */\"value\":1}", NOT_JSON));
        c.add(row("trailing comma", "{" + TS + ",\"value\":1,}", NOT_JSON));
        c.add(row("leading plus", "{" + TS + ",\"value\":+1}", NOT_JSON));
        c.add(row("raw control character in a string", "{" + TS + ",\"value\":1,\"note\":\"a\u0001b\"}", NOT_JSON));
        c.add(row("invalid UTF-8 in a string", concat(utf8("{" + TS + ",\"value\":1,\"note\":\""),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("\"}")), NOT_JSON));
        c.add(row("number longer than the parser allows", "{" + TS + ",\"value\":1" + "0".repeat(2_000) + "}", NOT_JSON));
        c.add(row("-NaN is not a spelling Jackson accepts", "{" + TS + ",\"value\":-NaN}", NOT_JSON));
        c.add(row("lowercase nan", "{" + TS + ",\"value\":nan}", NOT_JSON));
        c.add(row("bare INF", "{" + TS + ",\"value\":INF}", NOT_JSON));
        c.add(row("bad type, then truncated: not_json wins", "{" + TS + ",\"values\":{\"cpu\":\"x\"", NOT_JSON));
        c.add(row("nested 10k objects", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP), NOT_JSON));
        c.add(row("nested 10k arrays in a feature", "{" + TS + ",\"values\":{\"cpu\":" + "[".repeat(DEEP)
                + "]".repeat(DEEP) + "}}", NOT_JSON));
        int tooDeep = ValueReader.MAX_DEPTH + 1;
        c.add(row("nested one level too deep", "{\"a\":".repeat(tooDeep) + "1" + "}".repeat(tooDeep), NOT_JSON));
        c.add(row("duplicate ts", "{" + TS + "," + TS + ",\"value\":1}", NOT_JSON));
        c.add(row("duplicate feature", "{" + TS + ",\"values\":{\"cpu\":1,\"cpu\":2}}", NOT_JSON));
        c.add(row("duplicate values", "{" + TS + ",\"values\":{\"cpu\":1},\"values\":{\"mem\":2}}", NOT_JSON));
        // wrong types
        c.add(row("feature is a string", "{" + TS + ",\"values\":{\"cpu\":\"0.5\"}}", BAD_TYPE));
        c.add(row("feature is the string NaN", "{" + TS + ",\"values\":{\"cpu\":\"NaN\"}}", BAD_TYPE));
        c.add(row("feature is a boolean", "{" + TS + ",\"values\":{\"cpu\":true}}", BAD_TYPE));
        c.add(row("feature is an object", "{" + TS + ",\"values\":{\"cpu\":{\"v\":1}}}", BAD_TYPE));
        c.add(row("feature is an array", "{" + TS + ",\"values\":{\"cpu\":[1]}}", BAD_TYPE));
        c.add(row("single value is a string", "{" + TS + ",\"value\":\"0.5\"}", BAD_TYPE));
        c.add(row("values is an array", "{" + TS + ",\"values\":[0.5]}", BAD_TYPE));
        c.add(row("values is a number", "{" + TS + ",\"values\":0.5}", BAD_TYPE));
        c.add(row("values is a string", "{" + TS + ",\"values\":\"cpu=1\"}", BAD_TYPE));
        c.add(row("series is a number", null, utf8("{" + TS + ",\"value\":1,\"series\":7}"), BAD_TYPE));
        c.add(row("series is an object", null, utf8("{" + TS + ",\"value\":1,\"series\":{}}"), BAD_TYPE));
        c.add(row("series is a boolean even with a key", "{" + TS + ",\"value\":1,\"series\":true}", BAD_TYPE));
        c.add(row("ts is a boolean", "{\"ts\":true,\"value\":1}", BAD_TYPE));
        c.add(row("ts is an array", "{\"ts\":[1732356900000],\"value\":1}", BAD_TYPE));
        c.add(row("ts is an object", "{\"ts\":{\"ms\":1732356900000},\"value\":1}", BAD_TYPE));
        c.add(row("both value and values", "{" + TS + ",\"value\":1,\"values\":{\"cpu\":1}}", BAD_TYPE));
        // timestamps
        c.add(row("ts missing", "{\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts null", "{\"ts\":null,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts is words", "{\"ts\":\"yesterday\",\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts is an empty string", "{\"ts\":\"\",\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts before 1970", "{\"ts\":-1,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts ISO before 1970", "{\"ts\":\"1800-01-01T00:00:00Z\",\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts at 2200", "{\"ts\":" + ValueReader.MAX_TIMESTAMP + ",\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts ISO after 2200", "{\"ts\":\"2300-01-01T00:00:00Z\",\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts in microseconds", "{\"ts\":1732356900000000,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts beyond a long", "{\"ts\":123456789012345678901234567890,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts fractional", "{\"ts\":1732356900000.5,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts NaN", "{\"ts\":NaN,\"value\":1}", BAD_TIMESTAMP));
        c.add(row("ts 1e400", "{\"ts\":1e400,\"value\":1}", BAD_TIMESTAMP));
        // non-finite numbers, in every spelling Jackson accepts
        for (String n : List.of("NaN", "Infinity", "-Infinity", "+Infinity", "-INF", "+INF", "1e400", "-1e400",
                "1E+400", "0.1e401", "1e999999999", "1" + "0".repeat(400))) {
            c.add(row("feature is " + n.substring(0, Math.min(12, n.length())),
                    "{" + TS + ",\"values\":{\"cpu\":" + n + "}}", NON_FINITE));
        }
        c.add(row("single value is NaN", "{" + TS + ",\"value\":NaN}", NON_FINITE));
        // nothing the model knows
        c.add(row("only unknown features", "{" + TS + ",\"values\":{\"disk\":1,\"net\":2}}", NO_KNOWN_FEATURE));
        c.add(row("empty values", "{" + TS + ",\"values\":{}}", NO_KNOWN_FEATURE));
        c.add(row("only a null feature", "{" + TS + ",\"values\":{\"cpu\":null}}", NO_KNOWN_FEATURE));
        c.add(row("values null", "{" + TS + ",\"values\":null}", NO_KNOWN_FEATURE));
        c.add(row("no values at all", "{" + TS + "}", NO_KNOWN_FEATURE));
        c.add(row("unknown feature NaN is not checked", "{" + TS + ",\"values\":{\"disk\":NaN}}", NO_KNOWN_FEATURE));
        // keys and series ids
        String ok = "{" + TS + ",\"value\":1}";
        c.add(row("binary key", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00}, utf8(ok), BAD_KEY));
        c.add(row("overlong UTF-8 in key", new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, utf8(ok), BAD_KEY));
        c.add(row("encoded surrogate in key", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8(ok), BAD_KEY));
        c.add(row("truncated character in key", new byte[] {'w', (byte) 0xE2, (byte) 0x82}, utf8(ok), BAD_KEY));
        c.add(row("blank key", utf8("  "), utf8(ok), BAD_KEY));
        c.add(row("empty key, no series", new byte[0], utf8(ok), BAD_KEY));
        c.add(row("null key, no series", null, utf8(ok), BAD_KEY));
        c.add(row("empty key, blank series", new byte[0], utf8("{" + TS + ",\"value\":1,\"series\":\" \"}"), BAD_KEY));
        c.add(row("empty key, empty series", new byte[0], utf8("{" + TS + ",\"value\":1,\"series\":\"\"}"), BAD_KEY));
        c.add(row("null key, null series", null, utf8("{" + TS + ",\"value\":1,\"series\":null}"), BAD_KEY));
        // size
        c.add(row("10 MB value", KEY, tenMegabytes(), TOO_LARGE));
        c.add(row("10 MB key", new byte[10 << 20], utf8(ok), TOO_LARGE));
        return c.stream();
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("corpus")
    void hostileRecordIsRejectedWithItsReason(String name, byte[] key, byte[] value, ReasonCode expected) {
        ParseResult result = PARSER.parse(key, value);
        assertTrue(result instanceof ParseResult.Rejected, () -> name + " was accepted: " + result);
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        assertEquals(expected, rejected.reason(), () -> name + ": " + rejected.detail());
        assertFalse(rejected.detail().isBlank(), name);
        assertTrue(rejected.detail().length() <= MAX_DETAIL_CHARS, () -> name + ": detail too long: " + rejected.detail());
        assertFalse(rejected.detail().contains("\n"), () -> name + ": detail spans lines: " + rejected.detail());
    }

    @Test
    void corpusIsLargeAndCoversEveryParserReason() {
        List<Arguments> all = corpus().toList();
        assertTrue(all.size() >= 50, "corpus has " + all.size() + " inputs");
        for (ReasonCode code : List.of(NOT_JSON, BAD_TYPE, BAD_TIMESTAMP, NON_FINITE, NO_KNOWN_FEATURE, BAD_KEY, TOO_LARGE)) {
            assertTrue(all.stream().anyMatch(a -> a.get()[3] == code), "no input for " + code);
        }
    }

    private static Arguments row(String name, String value, ReasonCode expected) {
        return row(name, KEY, utf8(value), expected);
    }

    private static Arguments row(String name, byte[] value, ReasonCode expected) {
        return row(name, KEY, value, expected);
    }

    private static Arguments row(String name, byte[] key, byte[] value, ReasonCode expected) {
        return Arguments.of(name, key, value, expected);
    }

    /** A well-formed, otherwise valid record padded to 10 MB. */
    static byte[] tenMegabytes() {
        byte[] head = utf8("{" + TS + ",\"value\":1,\"pad\":\"");
        byte[] tail = utf8("\"}");
        byte[] v = new byte[10 << 20];
        Arrays.fill(v, (byte) 'x');
        System.arraycopy(head, 0, v, 0, head.length);
        System.arraycopy(tail, 0, v, v.length - tail.length, tail.length);
        return v;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
