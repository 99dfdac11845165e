package org.sirgiving.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite as an operator runs it: {@code deploy/local/up} starts PostgreSQL databases of its own, the standalone
 * Kafka broker, the five packaged services as separate processes and the nginx gateway; {@code down --purge} stops
 * exactly those and drops the databases. Ports and folders are apart from a developer's own local run.
 */
final class LocalRun implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    static final int PORT_BASE = Integer.parseInt(env("SIR_E2E_PORT_BASE", "18080"));
    static final int KAFKA_PORT = Integer.parseInt(env("SIR_E2E_KAFKA_PORT", "19092"));
    /** Where the services export spans: OneTraceFollowsAnActionTest listens there while it runs. */
    static final int OTLP_PORT = Integer.parseInt(env("SIR_E2E_OTLP_PORT", "14318"));

    final Path repo = Path.of(env("SIR_REPO_ROOT", "..")).toAbsolutePath().normalize();
    final Path dir;
    final Map<String, String> environment;

    private LocalRun(Path dir) {
        this.dir = dir;
        this.environment = Map.ofEntries(
                Map.entry("SIR_SKIP_BUILD", "1"),
                Map.entry("SIR_PORT_BASE", String.valueOf(PORT_BASE)),
                Map.entry("SIR_KAFKA_PORT", String.valueOf(KAFKA_PORT)),
                Map.entry("SIR_LOCAL_DIR", dir.toString()),
                Map.entry(
                        "SIR_DB_PREFIX",
                        "sir_e2e_" + UUID.randomUUID().toString().substring(0, 8) + "_"),
                // Two actions-service replicas behind the gateway: rate limits must hold across replicas.
                Map.entry("SIR_REPLICAS", "actions-service=2"),
                // Spans go to the test's OTLP receiver. A ratio this small records practically no trace of its own,
                // while a caller's sampled traceparent is followed (parent-based): only the traced test's action.
                Map.entry("SIR_TRACING_SAMPLING_RATIO", "0.000001"),
                Map.entry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + OTLP_PORT),
                Map.entry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
                Map.entry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s"));
    }

    static LocalRun up() throws Exception {
        LocalRun run = new LocalRun(Files.createTempDirectory("sir-e2e-"));
        run.script(600, "deploy/local/up");
        return run;
    }

    String gateway() {
        return "http://127.0.0.1:" + PORT_BASE;
    }

    /** A user JWT from the local run's development identity provider. */
    String token(String subject, boolean operator) throws Exception {
        return operator
                ? script(30, "deploy/local/token", subject, "--operator").trim()
                : script(30, "deploy/local/token", subject).trim();
    }

    String script(int timeoutSeconds, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(command));
        argv.set(0, repo.resolve(command[0]).toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(repo.toFile());
        pb.environment().putAll(environment);
        Path err = Files.createTempFile("sir-e2e-script-", ".log");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed:\n" + out + "\n" + Files.readString(err));
        }
        return out;
    }

    String log(String service) throws IOException {
        Path log = dir.resolve("logs").resolve(service + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        // The services' logs outlive the run (target/local-run-logs), so a failure seen only in CI can be read after.
        try {
            Path logs = dir.resolve("logs");
            if (Files.isDirectory(logs)) {
                Path kept = Path.of("target", "local-run-logs").toAbsolutePath();
                Files.createDirectories(kept);
                try (var files = Files.list(logs)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, kept.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } finally {
            script(120, "deploy/local/down", "--purge");
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
