package org.sirgiving.sdk;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of a path segment or query value. Hand-written because the JDK's {@code URLEncoder} does
 * HTML form encoding (a space becomes {@code +}, which a path does not mean), and the signature covers the exact bytes.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private PercentEncoding() {}
}
