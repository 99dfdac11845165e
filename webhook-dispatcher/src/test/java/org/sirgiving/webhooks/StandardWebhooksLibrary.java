package org.sirgiving.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sirgiving.events.EventJson;

/**
 * A partner's receiver verifying with the off-the-shelf {@code standardwebhooks} npm package (Standard Webhooks'
 * reference library for JavaScript), through src/test/node/verify.mjs on the installed Node. The package is installed
 * by the first use with {@code npm ci} from the committed lockfile into target/node (again only when the lockfile
 * changes), as docs/events/contract-tests does for its parser; install scripts are not run (it needs none).
 */
final class StandardWebhooksLibrary {
    /** One verification: what the library said. */
    record Verdict(boolean verified, String error) {}

    /** A received request as the receiver verifies it, with the secret it holds and its clock. */
    record Case(String secret, Receiver.Received request, Instant receiverNow) {}

    private static final String[] NODE_FILES = {"package.json", "package-lock.json", "verify.mjs"};
    private static Path installedDir;

    private StandardWebhooksLibrary() {}

    static Verdict verify(String secret, Receiver.Received request, Instant receiverNow) {
        return verifyAll(List.of(new Case(secret, request, receiverNow))).get(0);
    }

    /** One Node run for all cases. */
    static List<Verdict> verifyAll(List<Case> cases) {
        Path dir = install();
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
            Path in = Files.createTempFile(dir, "cases-", ".json");
            Path errors = Files.createTempFile(dir, "verify-", ".err");
            try {
                Files.writeString(in, EventJson.write(input));
                Process p = new ProcessBuilder("node", "verify.mjs", in.toString())
                        .directory(dir.toFile())
                        .redirectError(errors.toFile())
                        .start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("node verify.mjs failed: " + Files.readString(errors));
                }
                List<Verdict> verdicts = new ArrayList<>();
                for (JsonNode v : EventJson.MAPPER.readTree(out)) {
                    verdicts.add(new Verdict(
                            v.get("verified").asBoolean(),
                            v.get("error").isNull() ? null : v.get("error").asText()));
                }
                return verdicts;
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path install() {
        if (installedDir != null) {
            return installedDir;
        }
        Path src = Path.of("src/test/node").toAbsolutePath();
        Path dir = Path.of("target/node").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String f : NODE_FILES) {
                Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(src.resolve("package-lock.json")));
            Path marker = dir.resolve("node_modules/.sir-lock-sha256");
            if (!Files.exists(marker) || !Files.readString(marker).equals(lockHash)) {
                Path log = dir.resolve("npm-ci.log");
                Process p = new ProcessBuilder(
                                "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(
                            "npm ci in " + dir + " failed (Node and npm must be installed): " + Files.readString(log));
                }
                Files.writeString(marker, lockHash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        installedDir = dir;
        return dir;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
