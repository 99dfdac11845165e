package org.sirgiving.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * deploy/metrics.tsv: the metric names the chart's dashboard and alerts query, with the services that expose each.
 * Every service's tests check that its /q/metrics has its rows, and deploy/helm-tests checks that the dashboard and
 * the rules query nothing else: so a renamed metric fails a test on one side or the other.
 */
public final class ExposedMetrics {
    public static final String FILE = "deploy/metrics.tsv";

    private ExposedMetrics() {}

    /** The names {@code service} must expose. */
    public static List<String> of(String service) {
        return rows().stream()
                .filter(r -> r.services().contains(service))
                .map(Row::name)
                .toList();
    }

    /** The names of {@code service}'s rows missing from a Prometheus text exposition. */
    public static List<String> missingFrom(String service, String exposition) {
        Set<String> exposed = sampleNames(exposition);
        return of(service).stream().filter(n -> !exposed.contains(n)).toList();
    }

    /** The sample names of a Prometheus text exposition (comments skipped). */
    public static Set<String> sampleNames(String exposition) {
        return exposition
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The value of the first sample named {@code name} whose labels include every {@code key="value"} given as
     * alternating keys and values; empty when there is none.
     */
    public static OptionalDouble sample(String exposition, String name, String... labels) {
        return exposition
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> {
                    for (int i = 0; i + 1 < labels.length; i += 2) {
                        if (!l.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** One line of the file: a metric name and the services exposing it. */
    public record Row(String name, Set<String> services) {}

    public static List<Row> rows() {
        try {
            return Files.readAllLines(file()).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> {
                        String[] cols = l.split("\t");
                        if (cols.length != 2) {
                            throw new IllegalStateException(FILE + ": expected <name> TAB <services>: " + l);
                        }
                        return new Row(
                                cols[0].trim(),
                                Arrays.stream(cols[1].split(","))
                                        .map(String::trim)
                                        .collect(Collectors.toCollection(TreeSet::new)));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Found from the working directory up (a module's tests run in the module's directory). */
    public static Path file() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                FILE + " not found above " + Paths.get("").toAbsolutePath());
    }
}
