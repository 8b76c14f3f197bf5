package io.vigil.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Builds the value of a dead letter: a JSON envelope saying why a record was rejected, where it
 * came from, and what it was ({@code docs/schemas/dead-letter.schema.json}). The original key and
 * value are kept as text when they are valid UTF-8 and as base64 otherwise, with
 * {@code keyEncoding}/{@code valueEncoding} saying which ({@code null} for a null key or value).
 * Both are cut to {@code maxValueBytes} of the original bytes (text on a character boundary), and
 * {@code truncated} says whether anything was cut, so that a dead letter for a {@code too_large}
 * record is itself small enough to produce.
 */
public final class DeadLetter {
    /** The Kafka header that carries the reason's wire name, for consumers that filter without parsing. */
    public static final String REASON_HEADER = "vigil.reason";
    /** {@code keyEncoding}/{@code valueEncoding} of text kept as is. */
    public static final String UTF8 = "utf8";
    /** {@code keyEncoding}/{@code valueEncoding} of bytes that are not UTF-8. */
    public static final String BASE64 = "base64";

    private static final JsonFactory JSON = new JsonFactory();
    /** Room for the envelope's own fields on top of the kept bytes. */
    private static final int ENVELOPE_OVERHEAD = 256;

    private DeadLetter() {
    }

    /**
     * The envelope for one rejected record, as UTF-8 JSON.
     *
     * @param timestamp the original record's Kafka timestamp, epoch milliseconds
     * @param key the original key, may be null
     * @param value the original value, may be null
     * @param maxValueBytes {@code dlq.max.value.bytes}: at most this many bytes of the key and of the value are kept
     */
    public static byte[] envelope(ReasonCode reason, String detail, String topic, int partition, long offset,
            long timestamp, byte[] key, byte[] value, int maxValueBytes) {
        if (maxValueBytes < 0) {
            throw new IllegalArgumentException("dlq.max.value.bytes must not be negative, was " + maxValueBytes);
        }
        Kept k = keep(key, maxValueBytes);
        Kept v = keep(value, maxValueBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ENVELOPE_OVERHEAD + k.length() + v.length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("reason", reason.wireName());
            g.writeStringField("detail", detail);
            g.writeStringField("topic", topic);
            g.writeNumberField("partition", partition);
            g.writeNumberField("offset", offset);
            g.writeNumberField("timestamp", timestamp);
            g.writeStringField("key", k.text());
            g.writeStringField("keyEncoding", k.encoding());
            g.writeStringField("value", v.text());
            g.writeStringField("valueEncoding", v.encoding());
            g.writeBooleanField("truncated", k.truncated() || v.truncated());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** What is kept of one byte array: text (or null), its encoding (or null) and whether it was cut. */
    private record Kept(String text, String encoding, boolean truncated) {
        int length() {
            return text == null ? 0 : text.length();
        }
    }

    private static Kept keep(byte[] bytes, int limit) {
        if (bytes == null) {
            return new Kept(null, null, false);
        }
        boolean truncated = bytes.length > limit;
        int textCut = truncated ? Utf8.characterBoundary(bytes, limit) : bytes.length;
        String text = Utf8.decodeOrNull(bytes, textCut);
        if (text != null) {
            return new Kept(text, UTF8, truncated);
        }
        byte[] kept = truncated ? Arrays.copyOf(bytes, limit) : bytes;
        return new Kept(Base64.getEncoder().encodeToString(kept), BASE64, truncated);
    }
}
