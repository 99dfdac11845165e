package org.sirgiving.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An npm tool a Java test runs (a parser, a linter, a verifier): its committed package.json and package-lock.json
 * (plus any scripts) are copied into a build folder and installed there with {@code npm ci}, again only when the
 * lockfile changes, so a fresh machine needs only Node and the npm registry. Install scripts are not run.
 */
public final class NpmProject {
    /** What a run printed and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {}

    private final Path dir;

    private NpmProject(Path dir) {
        this.dir = dir;
    }

    /** Installs {@code src}'s package (the lockfile and {@code files}) into {@code dir}. */
    public static synchronized NpmProject install(Path src, Path dir, String... files) {
        try {
            Files.createDirectories(dir);
            List<String> all = new ArrayList<>(List.of("package.json", "package-lock.json"));
            all.addAll(List.of(files));
            for (String f : all) {
                Path target = dir.resolve(f);
                Files.createDirectories(target.getParent());
                Files.copy(src.resolve(f), target, StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(src.resolve("package-lock.json")));
            Path marker = dir.resolve("node_modules/.sir-lock-sha256");
            if (!Files.exists(marker) || !Files.readString(marker).equals(lockHash)) {
                NpmProject project = new NpmProject(dir);
                Run ci = project.run(5, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
                if (ci.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + dir + " failed (Node and npm must be installed): "
                            + ci.stdout() + ci.stderr());
                }
                Files.writeString(marker, lockHash);
            }
            return new NpmProject(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Runs a command in the project's folder (e.g. {@code node x.mjs}, {@code npx redocly …}). */
    public Run run(int timeoutMinutes, String... command) {
        try {
            Path out = Files.createTempFile(dir, "run-", ".out");
            Path err = Files.createTempFile(dir, "run-", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " ran over " + timeoutMinutes + " min");
                }
                return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
