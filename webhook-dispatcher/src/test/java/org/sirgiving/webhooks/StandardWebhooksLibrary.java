package org.sirgiving.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.EventJson;
import org.sirgiving.testinfra.NpmProject;

/**
 * A partner's receiver verifying with the off-the-shelf {@code standardwebhooks} npm package (Standard Webhooks'
 * reference library for JavaScript), through src/test/node/verify.mjs on the installed Node, installed by the first
 * use into target/node (test-infra NpmProject).
 */
final class StandardWebhooksLibrary {
    /** One verification: what the library said. */
    record Verdict(boolean verified, String error) {}

    /** A received request as the receiver verifies it, with the secret it holds and its clock. */
    record Case(String secret, Receiver.Received request, Instant receiverNow) {}

    private static NpmProject project;

    private StandardWebhooksLibrary() {}

    static Verdict verify(String secret, Receiver.Received request, Instant receiverNow) {
        return verifyAll(List.of(new Case(secret, request, receiverNow))).get(0);
    }

    /** One Node run for all cases. */
    static List<Verdict> verifyAll(List<Case> cases) {
        NpmProject library = install();
        List<Map<String, Object>> input = new ArrayList<>();
        for (Case c : cases) {
            Map<String, String> headers = new LinkedHashMap<>();
            c.request().headers().forEach((name, values) -> headers.put(name, values.get(0)));
            input.add(Map.of(
                    "secret", c.secret(),
                    "headers", headers,
                    "body", Base64.getEncoder().encodeToString(c.request().body()),
                    "now", c.receiverNow().getEpochSecond()));
        }
        try {
            Path in = Files.createTempFile(library.dir(), "cases-", ".json");
            try {
                Files.writeString(in, EventJson.write(input));
                NpmProject.Run run = library.run(2, "node", "verify.mjs", in.toString());
                if (run.exitCode() != 0) {
                    throw new IllegalStateException("node verify.mjs failed: " + run.stderr());
                }
                List<Verdict> verdicts = new ArrayList<>();
                for (JsonNode v : EventJson.MAPPER.readTree(run.stdout())) {
                    verdicts.add(new Verdict(
                            v.get("verified").asBoolean(),
                            v.get("error").isNull() ? null : v.get("error").asText()));
                }
                return verdicts;
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized NpmProject install() {
        if (project == null) {
            project = NpmProject.install(
                    Path.of("src/test/node").toAbsolutePath(),
                    Path.of("target/node").toAbsolutePath(),
                    "verify.mjs");
        }
        return project;
    }
}
