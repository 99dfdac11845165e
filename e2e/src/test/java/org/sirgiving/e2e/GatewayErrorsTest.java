package org.sirgiving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway answers by itself, spoken as raw HTTP over a socket (an HTTP client library would refuse to send
 * most of these): every answer is the contract's JSON error body with a 4xx for the client's mistakes
 * (docs/partner-api.md section 9), never nginx's HTML page.
 */
@ExtendWith(LocalRunExtension.class)
class GatewayErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    private record Answer(int status, String head, JsonNode body, String raw) {}

    private static Answer send(byte[] request) throws IOException {
        URI gateway = URI.create(run.gateway());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException closedEarly) {
                // The gateway may answer and close before reading all of an oversized request: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (SocketException reset) {
                // A reset after the answer (the rest of our request was unread) ends the answer.
            }
            String raw = answer.toString(StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            assertTrue(split > 0, "no HTTP answer: " + raw);
            String head = raw.substring(0, split);
            Matcher status = STATUS_LINE.matcher(head);
            assertTrue(status.find(), "status line: " + head);
            return new Answer(Integer.parseInt(status.group(1)), head, JSON.readTree(raw.substring(split + 4)), raw);
        }
    }

    private static Answer send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n" + String.join("", headers)
                + "\r\n";
    }

    /** The contract's error body, with the gateway's request id (also in X-Request-Id). */
    private static void assertContractError(Answer a, int status, String code) {
        assertEquals(status, a.status(), a.raw());
        assertTrue(a.head().toLowerCase().contains("content-type: application/json"), a.head());
        assertEquals(status, a.body().path("statusCode").asInt(), a.raw());
        assertEquals(code, a.body().path("code").asText(), a.raw());
        assertTrue(a.body().path("message").isTextual(), a.raw());
        String requestId = a.body().path("requestId").asText();
        assertTrue(requestId.matches("req_[0-9a-f]{32}"), a.raw());
        assertTrue(a.head().contains("X-Request-Id: " + requestId), a.head());
        assertTrue(a.body().path("details").isArray(), a.raw());
    }

    @Test
    void aNulInThePathIsABadRequest() throws Exception {
        assertContractError(send(get("/v1/partner/keys%00")), 400, "BAD_REQUEST");
        assertContractError(send(get("/v1/partner/%2e%2e%00/q/health")), 400, "BAD_REQUEST");
        assertContractError(send(get("/v1/partner/\0keys")), 400, "BAD_REQUEST");
    }

    @Test
    void aBrokenPercentEscapeInTheQueryIsABadRequest() throws Exception {
        for (String query : new String[] {"a=%zz", "%", "%=%", "a=%4"}) {
            assertContractError(send(get("/v1/partner/token-pools?" + query)), 400, "BAD_REQUEST");
        }
    }

    @Test
    void aMalformedRequestLineIsABadRequest() throws Exception {
        assertContractError(send("GARBAGE\r\n\r\n"), 400, "BAD_REQUEST");
        assertContractError(send("GET  HTTP/1.1\r\nHost: gateway\r\n\r\n"), 400, "BAD_REQUEST");
        assertContractError(
                send("GET /v1/partner/keys HTTP/9.9\r\nHost: gateway\r\nConnection: close\r\n\r\n"),
                400,
                "BAD_REQUEST");
        assertContractError(send("GET /v1/partner/keys HTTP/1.1\r\n\r\n"), 400, "BAD_REQUEST"); // no Host
        assertContractError(
                send("POST /v1/partner/keys HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n"
                        + "Transfer-Encoding: gzip\r\n\r\n"),
                400,
                "BAD_REQUEST");
    }

    @Test
    void hugeHeadersAndRequestLinesAreRefused() throws Exception {
        assertContractError(
                send(get("/v1/partner/keys", "X-Big: " + "a".repeat(20_000) + "\r\n")), 431, "HEADERS_TOO_LARGE");
        assertContractError(send(get("/v1/partner/keys?q=" + "a".repeat(20_000))), 414, "URI_TOO_LONG");
    }

    @Test
    void anUnknownPathOrAnInternalOneIsNotFound() throws Exception {
        assertContractError(send(get("/no/such/route")), 404, "NOT_FOUND");
        assertContractError(send(get("/q/health")), 404, "NOT_FOUND");
        assertContractError(send(get("/v1/partner/%2e%2e/%2e%2e/q/health")), 404, "NOT_FOUND");
        assertContractError(send(get("/__sir_error/500")), 404, "NOT_FOUND");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        assertContractError(
                send("POST /v1/partner/keys HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"),
                413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aTraceRequestIsNotAllowed() throws Exception {
        assertContractError(
                send("TRACE /v1/partner/keys HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n"),
                405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void everyErrorTheGatewayCanMakeHasAJsonPage() throws Exception {
        // The ones a healthy local run cannot provoke (a service down: 502/503/504; nginx's own 500) use the same
        // pages: each status nginx can produce is sent to one.
        String conf = run.script(30, "deploy/local/gateway-conf");
        for (String status :
                new String[] {"400", "404", "405", "408", "413", "414", "494", "500", "501", "502", "503", "504", "505"
                }) {
            assertTrue(
                    Pattern.compile("error_page [0-9 ]*\\b" + status + "\\b[0-9 ]* =\\d{3} /__sir_error/\\d{3};")
                            .matcher(conf)
                            .find(),
                    "error_page for " + status);
        }
        assertTrue(!conf.contains("@bad_request") && !conf.contains("error_page 400 @"), "no named error locations");
    }
}
