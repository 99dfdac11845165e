package org.sirgiving.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: a hostile client sends bytes no well-behaved HTTP client
 * would (a NUL in the path, a broken request line, a lying Content-Length), so the fuzz suite writes the request
 * itself, byte for byte, and reads whatever comes back.
 */
final class RawHttp {
    /** What came back: the status (0 when nothing parseable did), lower-cased headers, the body as text. */
    record Response(int status, Map<String, List<String>> headers, String body, long millis, String failure) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private RawHttp() {}

    static Response exchange(String host, int port, byte[] request, boolean head, int timeoutMillis) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return read(s.getInputStream(), head, start, timeoutMillis);
        } catch (SocketTimeoutException e) {
            return new Response(0, Map.of(), "", elapsed(start), "no answer within " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Response(0, Map.of(), "", elapsed(start), "connection failed: " + e.getMessage());
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Response read(InputStream in, boolean head, long start, int timeoutMillis) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        while (true) {
            int headEnd = indexOf(buf.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (headEnd >= 0) {
                byte[] all = buf.toByteArray();
                String headText = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
                Parsed p = parseHead(headText);
                if (p == null) {
                    return new Response(0, Map.of(), headText, elapsed(start), "unparseable answer");
                }
                if (p.status == 100) {
                    // An interim answer: drop it and read the real one.
                    buf.reset();
                    buf.write(all, headEnd + 4, all.length - headEnd - 4);
                    continue;
                }
                byte[] body = readBody(in, buf, headEnd + 4, p, head, start, timeoutMillis);
                return new Response(
                        p.status, p.headers, new String(body, StandardCharsets.UTF_8), elapsed(start), null);
            }
            if (elapsed(start) > timeoutMillis) {
                return new Response(0, Map.of(), "", elapsed(start), "no answer within " + timeoutMillis + " ms");
            }
            int n = in.read(chunk);
            if (n < 0) {
                return new Response(
                        0,
                        Map.of(),
                        buf.toString(StandardCharsets.ISO_8859_1),
                        elapsed(start),
                        buf.size() == 0 ? "connection closed without an answer" : "truncated answer");
            }
            buf.write(chunk, 0, n);
        }
    }

    private record Parsed(int status, Map<String, List<String>> headers) {}

    private static Parsed parseHead(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(
                                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return new Parsed(status, headers);
    }

    private static byte[] readBody(
            InputStream in, ByteArrayOutputStream buf, int bodyStart, Parsed p, boolean head, long start, int timeout)
            throws IOException {
        if (head || p.status == 204 || p.status == 304) {
            return new byte[0];
        }
        List<String> te = p.headers.get("transfer-encoding");
        List<String> cl = p.headers.get("content-length");
        long want = -1;
        if (cl != null && (te == null || te.isEmpty())) {
            want = Long.parseLong(cl.get(0));
        }
        byte[] chunk = new byte[16 * 1024];
        boolean chunked = te != null
                && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        while (true) {
            byte[] all = buf.toByteArray();
            int have = all.length - bodyStart;
            if (want >= 0 && have >= want) {
                byte[] body = new byte[(int) want];
                System.arraycopy(all, bodyStart, body, 0, (int) want);
                return body;
            }
            if (chunked) {
                byte[] decoded = dechunk(all, bodyStart);
                if (decoded != null) {
                    return decoded;
                }
            }
            if ((System.nanoTime() - start) / 1_000_000 > timeout) {
                throw new SocketTimeoutException("body");
            }
            int n = in.read(chunk);
            if (n < 0) {
                byte[] body = new byte[Math.max(0, have)];
                System.arraycopy(all, bodyStart, body, 0, body.length);
                return chunked ? orRaw(dechunk(all, bodyStart), body) : body;
            }
            buf.write(chunk, 0, n);
        }
    }

    private static byte[] orRaw(byte[] decoded, byte[] raw) {
        return decoded != null ? decoded : raw;
    }

    /** The chunked body starting at {@code from}, or null while its last chunk has not arrived. */
    private static byte[] dechunk(byte[] all, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = from;
        while (true) {
            int eol = indexOf(all, i, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (eol < 0) {
                return null;
            }
            String sizeText = new String(all, i, eol - i, StandardCharsets.ISO_8859_1);
            int semi = sizeText.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi >= 0 ? sizeText.substring(0, semi) : sizeText).trim(), 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (size == 0) {
                return out.toByteArray();
            }
            if (eol + 2 + size + 2 > all.length) {
                return null;
            }
            out.write(all, eol + 2, size);
            i = eol + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, 0, needle);
    }

    private static int indexOf(byte[] hay, int from, byte[] needle) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
