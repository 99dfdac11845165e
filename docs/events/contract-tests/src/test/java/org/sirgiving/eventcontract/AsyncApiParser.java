package org.sirgiving.eventcontract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs npm {@code @asyncapi/parser} (the parser AsyncAPI's own CLI and generators use) on a document, through
 * src/test/node/parse.mjs on the installed Node. The package is installed by the first use with {@code npm ci} from
 * the committed lockfile into target/node (again only when the lockfile changes), so a fresh machine needs only Node
 * and the npm registry. Install scripts are not run: the parser needs none.
 */
final class AsyncApiParser {
    /** The parser's verdict and what the parsed document declares. */
    record Result(boolean parsed, List<String> errors, List<String> warnings, List<Channel> channels) {}

    record Channel(String address, List<Message> messages) {}

    record Message(String name, String schemaId) {}

    private static final String[] NODE_FILES = {"package.json", "package-lock.json", "parse.mjs"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path installedDir;

    private AsyncApiParser() {}

    static Result parse(Path document) {
        Path dir = install();
        try {
            Path errors = Files.createTempFile(dir, "parse-", ".err");
            try {
                Process p = new ProcessBuilder(
                                "node", "parse.mjs", document.toAbsolutePath().toString())
                        .directory(dir.toFile())
                        .redirectError(errors.toFile())
                        .start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("node parse.mjs failed: " + Files.readString(errors));
                }
                return JSON.readValue(out, Result.class);
            } finally {
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
        Path src = Path.of(System.getProperty("sir.node.src", "src/test/node")).toAbsolutePath();
        Path dir = Path.of(System.getProperty("sir.node.dir", "target/node")).toAbsolutePath();
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
