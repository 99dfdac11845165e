package org.sirgiving.helmtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** deploy/routes.tsv, read here independently of the chart: path prefix → service, in file order. */
public final class RouteTable {
    private RouteTable() {}

    public static Path file() {
        return Chart.repoRoot().resolve("deploy/routes.tsv");
    }

    public static Map<String, String> read() {
        return read(file());
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> routes = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 2) {
                    throw new IllegalStateException("not <prefix><TAB><service>: " + line);
                }
                routes.put(cols[0], cols[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes;
    }
}
