package org.sirgiving.helmtests.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Offline schema validation of rendered manifests with the npm packages kubernetes-models (Kubernetes),
 * @kubernetes-models/gateway-api and @kubernetes-models/prometheus-operator, and of Strimzi's kinds with Ajv against
 * Strimzi's vendored CRD schemas ({@link #strimziSchemas()}), run by src/test/node/validate.mjs on
 * the installed Node. The packages are installed by the first use, with `npm ci` from the committed lockfile,
 * into target/node (again only when the lockfile changes).
 */
public final class SchemaValidator {
    /** One manifest's verdict. {@code supported} is false for kinds no installed package has a schema for. */
    public record Result(
            int index,
            String apiVersion,
            String kind,
            String name,
            boolean supported,
            List<String> errors,
            List<String> unknownFields) {
        public boolean valid() {
            return errors.isEmpty() && unknownFields.isEmpty();
        }

        public String describe() {
            return kind + " " + name + " (" + apiVersion + "): errors " + errors + ", unknown fields " + unknownFields;
        }
    }

    private static final String[] NODE_FILES = {"package.json", "package-lock.json", "validate.mjs"};
    private static Path installedDir;

    private SchemaValidator() {}

    public static List<Result> validate(List<JsonNode> manifests) {
        Path dir = install();
        try {
            Path input = Files.createTempFile(dir, "manifests-", ".json");
            Path errors = Files.createTempFile(dir, "validate-", ".err");
            try {
                Manifests.JSON.writeValue(input.toFile(), manifests);
                Process p = new ProcessBuilder(
                                "node",
                                "validate.mjs",
                                input.getFileName().toString(),
                                strimziSchemas().toString())
                        .directory(dir.toFile())
                        .redirectError(errors.toFile())
                        .start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("node validate.mjs failed: " + Files.readString(errors));
                }
                return Manifests.JSON.readValue(out, new TypeReference<List<Result>>() {});
            } finally {
                Files.deleteIfExists(input);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Strimzi's CRD schemas, vendored in src/test/resources/strimzi (its README says from which release). */
    public static Path strimziSchemas() {
        try {
            return Paths.get(SchemaValidator.class
                            .getResource("/strimzi/README.md")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path install() {
        if (installedDir != null) {
            return installedDir;
        }
        Path src =
                Paths.get(System.getProperty("sir.node.src", "src/test/node")).toAbsolutePath();
        Path dir = Paths.get(System.getProperty("sir.node.dir", "target/node")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String f : NODE_FILES) {
                Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(src.resolve("package-lock.json")));
            Path marker = dir.resolve("node_modules/.sir-lock-sha256");
            if (!Files.exists(marker) || !Files.readString(marker).equals(lockHash)) {
                Path log = dir.resolve("npm-ci.log");
                Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
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
