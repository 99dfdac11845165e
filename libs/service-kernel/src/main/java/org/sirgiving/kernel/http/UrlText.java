package org.sirgiving.kernel.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.validation.StorableText;

/**
 * The rule for path segments and query parameters (docs/partner-api.md section 9): once percent-decoded they are
 * UTF-8 text without control characters. Path parameters are identifiers ({@code users/{externalId}}) and no query
 * parameter is free text, so U+0000, a line break or the bytes of a lone surrogate there are a hostile or broken
 * client; refused here, in one place for every service, before anything looks them up (a malformed sequence would
 * otherwise be decoded to U+FFFD and could alias another id).
 */
final class UrlText {
    static final String PATH_FIELD = "path";
    static final String MESSAGE = "must be percent-encoded UTF-8 without control characters";

    /** The problems of a raw path and raw query (null: none), by field: "path" or the query parameter's name. */
    static List<ApiError.FieldError> problems(String rawPath, String rawQuery) {
        List<ApiError.FieldError> problems = new ArrayList<>();
        if (rawPath != null && !clean(decode(rawPath, false))) {
            problems.add(new ApiError.FieldError(PATH_FIELD, MESSAGE));
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                if (!clean(name) || !clean(value)) {
                    problems.add(new ApiError.FieldError(clean(name) ? name : "query", MESSAGE));
                }
            }
        }
        return problems;
    }

    private static boolean clean(String text) {
        return text != null && StorableText.Rule.identifier(text);
    }

    /** Percent-decodes strictly: null for a broken escape or bytes that are not UTF-8. */
    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return text.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private UrlText() {}
}
