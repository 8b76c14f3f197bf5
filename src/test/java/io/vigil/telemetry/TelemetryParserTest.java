package io.vigil.telemetry;

import io.vigil.testing.SchemaCheck;

import static io.vigil.telemetry.TelemetryParserCorpusTest.concat;
import static io.vigil.telemetry.TelemetryParserCorpusTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryParserTest {
    private static final long T = 1_732_356_900_000L;
    private static final double NAN = Double.NaN;
    private static final byte[] KEY = utf8("web-1");
    private final TelemetryParser parser = new TelemetryParser(List.of("cpu", "mem", "value"), 1 << 20);

    @Test
    void valuesFormGivesFeaturesInModelOrderWithAbsentAsNaN() {
        TelemetryRecord r = ok(KEY, "{\"ts\": 1732356900000, \"values\": {\"mem\": 0.71, \"cpu\": 0.52}}");
        assertEquals(new TelemetryRecord("web-1", T, new double[] {0.52, 0.71, NAN}, 2, 0), r);
    }

    @Test
    void singleValueFormIsTheFeatureNamedValue() {
        TelemetryRecord r = ok(KEY, "{\"ts\": 1732356900000, \"value\": 3}");
        assertArrayEquals(new double[] {NAN, NAN, 3.0}, r.values());
        assertEquals(1, r.present());
    }

    @Test
    void isoAndSpaceSeparatedTimestampsAreReadAsUtc() {
        assertEquals(T, ok(KEY, "{\"ts\": \"2024-11-23T10:15:00Z\", \"value\": 1}").timestamp());
        assertEquals(T, ok(KEY, "{\"ts\": \"2024-11-23T12:15:00+02:00\", \"value\": 1}").timestamp());
        assertEquals(T, ok(KEY, "{\"ts\": \"2024-11-23 10:15:00.000\", \"value\": 1}").timestamp());
        assertEquals(T, ok(KEY, "{\"ts\": \"1732356900000\", \"value\": 1}").timestamp());
        assertEquals(T, ok(KEY, "{\"ts\": 1.7323569E12, \"value\": 1}").timestamp());
        assertEquals(0L, ok(KEY, "{\"ts\": 0, \"value\": 1}").timestamp());
    }

    @Test
    void unknownFeaturesAreCountedAndNotChecked() {
        TelemetryRecord r = ok(KEY, "{\"ts\": 1732356900000, \"values\": {\"cpu\": 1, \"disk\": \"full\", \"net\": NaN, "
                + "\"gpu\": {\"a\": [1]}, \"disk\": 2}}");
        assertEquals(4, r.unknownFeatures());
        assertEquals(1, r.present());
    }

    @Test
    void nullFeatureIsAbsentNotAnError() {
        TelemetryRecord r = ok(KEY, "{\"ts\": 1732356900000, \"values\": {\"cpu\": null, \"mem\": 0.5}}");
        assertArrayEquals(new double[] {NAN, 0.5, NAN}, r.values());
        assertEquals(1, r.present());
    }

    @Test
    void seriesFieldSuppliesTheIdOnlyWhenTheKeyIsEmpty() {
        String value = "{\"series\": \"db-2\", \"ts\": 1732356900000, \"value\": 1}";
        assertEquals("db-2", ok(null, value).series());
        assertEquals("db-2", ok(new byte[0], value).series());
        assertEquals("web-1", ok(KEY, value).series());
        assertEquals("ünïcode-系列", ok(utf8("ünïcode-系列"), value).series());
    }

    @Test
    void unknownTopLevelFieldsAndLeadingBomAreAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ok(KEY, concat(bom, utf8(" \n{\"host\": {\"dc\": [1, 2]}, \"ts\": 1732356900000, \"value\": 1}\n ")));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int inner = ValueReader.MAX_DEPTH - 1;
        ok(KEY, "{\"ts\": 1732356900000, \"value\": 1, \"a\": " + "{\"a\":".repeat(inner) + "1" + "}".repeat(inner) + "}");
    }

    @Test
    void recordAtTheSizeLimitIsAcceptedAndOneByteMoreIsTooLarge() {
        byte[] value = utf8("{\"ts\": 1732356900000, \"value\": 1}");
        int limit = KEY.length + value.length;
        TelemetryParser tight = new TelemetryParser(List.of("value"), limit);
        assertTrue(tight.parse(KEY, value) instanceof ParseResult.Ok);
        assertEquals(new ParseResult.Rejected(ReasonCode.TOO_LARGE,
                "record is " + (limit + 1) + " bytes, more than record.max.bytes " + limit), tight.parse(utf8("web-12"), value));
    }

    @Test
    void detailsNameTheFieldAndWhatWasWrong() {
        assertEquals("value of \"cpu\" is a string, expected a number",
                detail("{\"ts\": 1732356900000, \"values\": {\"cpu\": \"high\"}}"));
        assertEquals("ts \"yesterday\" is not a timestamp", detail("{\"ts\": \"yesterday\", \"value\": 1}"));
        assertEquals("nesting deeper than 32", detail("{\"a\":".repeat(10_000) + "}".repeat(10_000)));
        assertEquals("value of \"cpu\" is 1e400, expected a finite number",
                detail("{\"ts\": 1732356900000, \"values\": {\"cpu\": 1e400}}"));
        assertEquals("ts is a boolean, expected epoch milliseconds or an ISO-8601 string", detail("{\"ts\": true, \"value\": 1}"));
        assertEquals("duplicate field \"ts\"", detail("{\"ts\": 1, \"ts\": 2, \"value\": 1}"));
        assertEquals("value is not a JSON object: it starts with '['", detail("[1]"));
        assertEquals("none of the model's features (cpu, mem, value) is present; 1 unknown ignored",
                detail("{\"ts\": 1732356900000, \"values\": {\"disk\": 1}}"));
    }

    @Test
    void firstFieldProblemInDocumentOrderDecides() {
        assertEquals(ReasonCode.NON_FINITE, reason("{\"values\": {\"cpu\": NaN, \"mem\": \"x\"}, \"ts\": true}"));
        assertEquals(ReasonCode.BAD_TYPE, reason("{\"ts\": true, \"values\": {\"cpu\": NaN}}"));
        assertEquals(ReasonCode.BAD_TIMESTAMP, reason("{\"values\": {\"disk\": 1}}"));
    }

    @Test
    void hostileTextInDetailsIsShortenedAndEscaped() {
        String d = detail("{\"ts\": \"" + "\\u0007\\\"".repeat(1000) + "\", \"value\": 1}");
        assertTrue(d.length() < 200 && d.contains("\\u0007") && d.endsWith("...\" is not a timestamp"), d);
    }

    @Test
    void parserRefusesAnUnusableFeatureList() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryParser(List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryParser(List.of("cpu", "cpu"), 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryParser(List.of(" "), 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryParser(List.of("cpu"), 0));
    }

    @Test
    void schemaExamplesParseAndSchemaAgreesWithTheParsersLimits() {
        JsonNode schema = SchemaCheck.schema("telemetry.schema.json");
        assertEquals(ValueReader.MAX_TIMESTAMP,
                schema.at("/properties/ts/oneOf/0/exclusiveMaximum").asLong());
        assertTrue(schema.at("/examples").size() >= 1);
        for (JsonNode example : schema.at("/examples")) {
            assertEquals(List.of(), SchemaCheck.violations(schema, example), example.toString());
            byte[] key = example.has("series") ? null : KEY;
            assertTrue(parser.parse(key, utf8(example.toString())) instanceof ParseResult.Ok, example.toString());
        }
    }

    private TelemetryRecord ok(byte[] key, String value) {
        return ok(key, utf8(value));
    }

    private TelemetryRecord ok(byte[] key, byte[] value) {
        ParseResult r = parser.parse(key, value);
        assertTrue(r instanceof ParseResult.Ok, () -> r.toString());
        return ((ParseResult.Ok) r).record();
    }

    private ParseResult.Rejected rejected(String value) {
        ParseResult r = parser.parse(KEY, utf8(value));
        assertTrue(r instanceof ParseResult.Rejected, () -> r.toString());
        return (ParseResult.Rejected) r;
    }

    private String detail(String value) {
        return rejected(value).detail();
    }

    private ReasonCode reason(String value) {
        return rejected(value).reason();
    }
}
