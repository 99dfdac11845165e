package org.sirgiving.helmtests.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's promtool (Debian package prometheus), for `check rules` and `test rules` on the rendered alerts. Where
 * it is not installed, the first use runs scripts/promtool-up (apt) once; if promtool is still missing the tests fail
 * with that script's output: they are never skipped.
 */
public final class Promtool {
    /** A finished run: promtool's exit code and its output (stdout and stderr). */
    public record Run(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static String binary;

    private Promtool() {}

    public static Run run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(List.of(args));
        return exec(workDir, command, 2);
    }

    private static synchronized String binary() {
        if (binary != null) {
            return binary;
        }
        Path found = onPath();
        if (found == null) {
            Path script = Chart.repoRoot().resolve("scripts/promtool-up");
            Run install = exec(Chart.repoRoot(), List.of("bash", script.toString()), 10);
            found = onPath();
            if (found == null) {
                throw new IllegalStateException("promtool is needed by the alert rule tests and is not installed; "
                        + script + " (apt-get install prometheus) did not install it (exit " + install.exitCode()
                        + "):\n" + install.output());
            }
        }
        binary = found.toString();
        return binary;
    }

    private static Path onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Run exec(Path workDir, List<String> command, int minutes) {
        try {
            Path out = Files.createTempFile("promtool-", ".out");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + minutes + " min");
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
