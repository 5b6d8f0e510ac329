package dev.portcullis.graphjson;

import dev.portcullis.core.validation.ValidationProblem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of a JSON body, whatever Unicode encoding it came in: a byte-order mark names it
 * (UTF-8, UTF-16 and UTF-32 in either byte order); without one, the zero bytes of the first
 * characters do (RFC 4627, section 3), else it is UTF-8. Bytes that are not valid in that encoding
 * are a problem naming where, never replaced silently.
 */
final class Encodings {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private Encodings() {}

    static Parsed<String> decode(byte[] bytes) {
        int n = bytes.length;
        int b0 = n > 0 ? bytes[0] & 0xff : -1;
        int b1 = n > 1 ? bytes[1] & 0xff : -1;
        int b2 = n > 2 ? bytes[2] & 0xff : -1;
        int b3 = n > 3 ? bytes[3] & 0xff : -1;
        if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
            return decode(bytes, 3, StandardCharsets.UTF_8);
        }
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0xfe && b3 == 0xff) {
            return decode(bytes, 4, UTF_32BE);
        }
        if (b0 == 0xff && b1 == 0xfe && b2 == 0x00 && b3 == 0x00) {
            return decode(bytes, 4, UTF_32LE);
        }
        if (b0 == 0xfe && b1 == 0xff) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (b0 == 0xff && b1 == 0xfe) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (n >= 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
            return decode(bytes, 0, UTF_32BE);
        }
        if (n >= 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
            return decode(bytes, 0, UTF_32LE);
        }
        if (n >= 2 && b0 == 0 && b1 != 0) {
            return decode(bytes, 0, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && b0 != 0 && b1 == 0) {
            return decode(bytes, 0, StandardCharsets.UTF_16LE);
        }
        return decode(bytes, 0, StandardCharsets.UTF_8);
    }

    private static Parsed<String> decode(byte[] bytes, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            CharBuffer text = decoder.decode(in);
            return new Parsed<>(text.toString(), List.of(), List.of());
        } catch (CharacterCodingException e) {
            int length = e instanceof MalformedInputException malformed ? malformed.getInputLength() : 1;
            return new Parsed<>(null, List.of(new ValidationProblem("", "the body is not valid " + charset.name()
                    + ": " + length + " byte(s) at byte offset " + in.position()
                    + " cannot be read; send JSON in UTF-8 or UTF-16")), List.of());
        }
    }
}
