package com.musiccorp.platform.http.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Bytes of a record shown without harm: a dead letter may be anything (a hostile 256 KiB value,
 * binary Avro, control characters). Text is cut to a bound and its control characters escaped;
 * what is not UTF-8 text is shown as hex. Browsers must still insert it as text, never as HTML.
 */
final class SafeText {
    static final int MAX_CHARS = 2_000;
    static final int MAX_HEX_BYTES = 256;

    private SafeText() {
    }

    /** The bytes as escaped text when they are UTF-8 text, else null. */
    static String text(byte[] bytes) {
        if (bytes == null) return null;
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        long controls = decoded.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r').count();
        if (controls > decoded.length() / 10) return null; // binary that happens to decode
        return escaped(decoded);
    }

    /** Text cut to {@link #MAX_CHARS}, its control characters written as {@code \\uXXXX}. */
    static String escaped(String text) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return text.length() > MAX_CHARS || out.length() > MAX_CHARS
                ? out.substring(0, Math.min(out.length(), MAX_CHARS)) + "… (cut)" : out.toString();
    }

    /** The first {@link #MAX_HEX_BYTES} bytes as hex. */
    static String hex(byte[] bytes) {
        if (bytes == null) return null;
        int n = Math.min(bytes.length, MAX_HEX_BYTES);
        return HexFormat.of().formatHex(bytes, 0, n) + (bytes.length > n ? "…" : "");
    }
}
