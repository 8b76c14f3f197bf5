package io.vigil.telemetry;

import io.vigil.testing.SchemaCheck;

import static io.vigil.telemetry.TelemetryParserCorpusTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final long T = 1_732_356_900_000L;
    private static final int LIMIT = 1024;
    private static final byte[] BINARY = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, (byte) 0xFE};

    @Test
    void utf8KeyAndValueAreKeptAsText() throws IOException {
        JsonNode e = envelope(ReasonCode.BAD_TYPE, "value of \"cpu\" is a string, expected a number",
                utf8("web-1"), utf8("{\"ts\": 1, \"values\": {\"cpu\": \"high\"}}"), LIMIT);
        assertEquals("bad_type", e.get("reason").asText());
        assertEquals("value of \"cpu\" is a string, expected a number", e.get("detail").asText());
        assertEquals("telemetry", e.get("topic").asText());
        assertEquals(3, e.get("partition").asInt());
        assertEquals(42_017L, e.get("offset").asLong());
        assertEquals(T, e.get("timestamp").asLong());
        assertEquals("web-1", e.get("key").asText());
        assertEquals("utf8", e.get("keyEncoding").asText());
        assertEquals("{\"ts\": 1, \"values\": {\"cpu\": \"high\"}}", e.get("value").asText());
        assertEquals("utf8", e.get("valueEncoding").asText());
        assertFalse(e.get("truncated").asBoolean());
    }

    @Test
    void binaryKeyAndValueAreBase64() throws IOException {
        JsonNode e = envelope(ReasonCode.BAD_KEY, "key is not UTF-8", BINARY, BINARY, LIMIT);
        assertEquals("base64", e.get("keyEncoding").asText());
        assertEquals("base64", e.get("valueEncoding").asText());
        assertArrayEquals(BINARY, Base64.getDecoder().decode(e.get("key").asText()));
        assertArrayEquals(BINARY, Base64.getDecoder().decode(e.get("value").asText()));
    }

    @Test
    void nullKeyAndValueAreNull() throws IOException {
        JsonNode e = envelope(ReasonCode.NOT_JSON, "value is null", null, null, LIMIT);
        assertTrue(e.get("key").isNull() && e.get("keyEncoding").isNull());
        assertTrue(e.get("value").isNull() && e.get("valueEncoding").isNull());
        assertFalse(e.get("truncated").asBoolean());
    }

    @Test
    void longTextIsCutOnACharacterBoundary() throws IOException {
        String text = "aé€𝄞".repeat(100); // 1, 2, 3 and 4 UTF-8 bytes
        byte[] bytes = utf8(text);
        for (int limit = 1; limit <= 20; limit++) {
            JsonNode e = envelope(ReasonCode.TOO_LARGE, "big", utf8("k"), bytes, limit);
            String kept = e.get("value").asText();
            assertEquals("utf8", e.get("valueEncoding").asText());
            assertTrue(e.get("truncated").asBoolean());
            assertTrue(text.startsWith(kept), "limit " + limit + ": " + kept);
            int keptBytes = utf8(kept).length;
            assertTrue(keptBytes <= limit && keptBytes > limit - 4, "limit " + limit + " kept " + keptBytes);
        }
    }

    @Test
    void longBinaryIsCutToTheLimitBeforeBase64() throws IOException {
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (0x80 | i);
        }
        JsonNode e = envelope(ReasonCode.NOT_JSON, "binary", null, big, 100);
        byte[] kept = Base64.getDecoder().decode(e.get("value").asText());
        assertEquals(100, kept.length);
        assertEquals("base64", e.get("valueEncoding").asText());
        assertTrue(e.get("truncated").asBoolean());
    }

    @Test
    void deadLetterForATenMegabyteRecordStaysSmall() {
        byte[] dlq = DeadLetter.envelope(ReasonCode.TOO_LARGE, "record is too large", "telemetry", 0, 0, T,
                utf8("web-1"), TelemetryParserCorpusTest.tenMegabytes(), LIMIT);
        assertTrue(dlq.length < 2 * LIMIT, dlq.length + " bytes");
    }

    @Test
    void everyEnvelopeConformsToTheSchema() throws IOException {
        JsonNode schema = SchemaCheck.schema("dead-letter.schema.json");
        List<JsonNode> envelopes = new ArrayList<>();
        for (ReasonCode reason : ReasonCode.values()) {
            envelopes.add(envelope(reason, "d\u0000\"\\\n", utf8("web-1"), utf8("{\"ts\": 1}"), LIMIT));
        }
        envelopes.add(envelope(ReasonCode.BAD_KEY, "k", BINARY, BINARY, 2));
        envelopes.add(envelope(ReasonCode.NOT_JSON, "null", null, null, LIMIT));
        for (JsonNode e : envelopes) {
            assertEquals(List.of(), SchemaCheck.violations(schema, e), e.toString());
        }
        for (JsonNode example : schema.get("examples")) {
            assertEquals(List.of(), SchemaCheck.violations(schema, example), example.toString());
        }
    }

    @Test
    void schemaListsExactlyTheReasonCodes() {
        List<String> inSchema = new ArrayList<>();
        SchemaCheck.schema("dead-letter.schema.json").at("/properties/reason/enum").forEach(n -> inSchema.add(n.asText()));
        List<String> inCode = new ArrayList<>();
        for (ReasonCode r : ReasonCode.values()) {
            inCode.add(r.wireName());
            assertEquals(r, ReasonCode.fromWireName(r.wireName()));
        }
        assertEquals(inCode, inSchema);
        assertEquals("vigil.reason", DeadLetter.REASON_HEADER);
    }

    private static JsonNode envelope(ReasonCode reason, String detail, byte[] key, byte[] value, int limit)
            throws IOException {
        byte[] json = DeadLetter.envelope(reason, detail, "telemetry", 3, 42_017L, T, key, value, limit);
        return SchemaCheck.JSON.readTree(json);
    }
}
