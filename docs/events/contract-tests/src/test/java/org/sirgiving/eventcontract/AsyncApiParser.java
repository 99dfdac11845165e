package org.sirgiving.eventcontract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.sirgiving.testinfra.NpmProject;

/**
 * Runs npm {@code @asyncapi/parser} (the parser AsyncAPI's own CLI and generators use) on a document, through
 * src/test/node/parse.mjs on the installed Node, installed by the first use into target/node (test-infra NpmProject).
 */
final class AsyncApiParser {
    /** The parser's verdict and what the parsed document declares. */
    record Result(boolean parsed, List<String> errors, List<String> warnings, List<Channel> channels) {}

    record Channel(String address, List<Message> messages) {}

    record Message(String name, String schemaId) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NpmProject project;

    private AsyncApiParser() {}

    static Result parse(Path document) {
        NpmProject.Run run =
                parser().run(2, "node", "parse.mjs", document.toAbsolutePath().toString());
        if (run.exitCode() != 0) {
            throw new IllegalStateException("node parse.mjs failed: " + run.stderr());
        }
        try {
            return JSON.readValue(run.stdout(), Result.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized NpmProject parser() {
        if (project == null) {
            project = NpmProject.install(
                    Path.of(System.getProperty("sir.node.src", "src/test/node")).toAbsolutePath(),
                    Path.of(System.getProperty("sir.node.dir", "target/node")).toAbsolutePath(),
                    "parse.mjs");
        }
        return project;
    }
}
