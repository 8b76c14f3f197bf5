package io.vigil.telemetry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed input is reported, never replaced with U+FFFD. */
final class Utf8 {
    private static final int ASCII_LIMIT = 0x80;
    private static final int CONTINUATION_MASK = 0xC0;
    private static final int CONTINUATION_BITS = 0x80;
    /** A UTF-8 sequence is at most four bytes: a lead byte and up to three continuation bytes. */
    private static final int MAX_CONTINUATION_BYTES = 3;

    private Utf8() {
    }

    /** The text of {@code bytes[0, length)}, or {@code null} when they are not valid UTF-8. */
    static String decodeOrNull(byte[] bytes, int length) {
        if (isAscii(bytes, length)) {
            // the common case: no decoder, and ISO-8859-1 copies ASCII bytes straight into a compact string
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            // a fresh decoder per call keeps this thread-safe; only non-ASCII input gets here
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The largest {@code cut <= limit} that does not split a UTF-8 sequence in {@code bytes}; it
     * backs up at most three bytes, since more continuation bytes in a row are not UTF-8 anyway.
     */
    static int characterBoundary(byte[] bytes, int limit) {
        int cut = Math.min(limit, bytes.length);
        int floor = Math.max(0, cut - MAX_CONTINUATION_BYTES);
        while (cut > floor && cut < bytes.length && (bytes[cut] & CONTINUATION_MASK) == CONTINUATION_BITS) {
            cut--;
        }
        return cut;
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if ((bytes[i] & 0xFF) >= ASCII_LIMIT) {
                return false;
            }
        }
        return true;
    }
}
