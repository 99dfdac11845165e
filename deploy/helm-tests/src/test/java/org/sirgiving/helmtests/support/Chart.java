package org.sirgiving.helmtests.support;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The chart under test (deploy/helm/sir-platform), rendered with helm-java: no helm binary, no cluster. */
public final class Chart {
    public static final String RELEASE = "sir-platform";
    public static final String NAMESPACE = "sir";
    /** helm-java's client-only render defaults to Kubernetes 1.20; the chart needs 1.25+. */
    public static final String KUBE_VERSION = "v1.31.0";

    public static final String PRODUCTION_VALUES = "values-production.yaml";

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static Path renderDir;

    private Chart() {}

    public static Path repoRoot() {
        return Paths.get(System.getProperty("sir.repo.root", "../.."))
                .toAbsolutePath()
                .normalize();
    }

    /** The chart in the repository (files/routes.tsv is a link to deploy/routes.tsv). */
    public static Path sourceDir() {
        String configured = System.getProperty("sir.chart.dir");
        return (configured != null ? Paths.get(configured) : repoRoot().resolve("deploy/helm/sir-platform"))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * The chart the tests render: a copy of {@link #sourceDir()} made once per test run, with the link resolved.
     * Helm follows the link too, but logs a line on every load; RoutesTest checks that both render the same.
     */
    public static synchronized Path dir() {
        if (renderDir == null) {
            Path work = Paths.get(System.getProperty("sir.chart.work", "target/chart"))
                    .toAbsolutePath();
            deleteTree(work);
            renderDir = copyTo(work.resolve("sir-platform"));
        }
        return renderDir;
    }

    public static Path productionValues() {
        return sourceDir().resolve(PRODUCTION_VALUES);
    }

    /** The default values, plus --set pairs (applied in order). Cached: renders are read-only. */
    public static Manifests render(Map<String, String> sets) {
        return render(dir(), null, sets);
    }

    public static Manifests render() {
        return render(Map.of());
    }

    /** A values file (absolute, or relative to the chart), plus --set pairs. */
    public static Manifests render(String valuesFile, Map<String, String> sets) {
        return render(dir(), valuesFile == null ? null : dir().resolve(valuesFile), sets);
    }

    public static Manifests renderProduction() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    public static Manifests render(Path chartDir, Path valuesFile, Map<String, String> sets) {
        String key = chartDir + "|" + valuesFile + "|" + new TreeMap<>(sets);
        return RENDERED.computeIfAbsent(key, k -> Manifests.parse(template(chartDir, valuesFile, sets)));
    }

    /** The raw `helm template` output; throws IllegalStateException with Helm's message when rendering fails. */
    public static String template(Path chartDir, Path valuesFile, Map<String, String> sets) {
        TemplateCommand cmd = new Helm(chartDir)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> set : new LinkedHashMap<>(sets).entrySet()) {
            cmd = cmd.set(set.getKey(), set.getValue());
        }
        return cmd.call();
    }

    /** The message of a render that must fail (the test fails if it renders). */
    public static String renderFailure(String valuesFile, Map<String, String> sets) {
        try {
            template(dir(), valuesFile == null ? null : dir().resolve(valuesFile), sets);
        } catch (IllegalStateException expected) {
            return Objects.requireNonNullElse(expected.getMessage(), "");
        }
        throw new AssertionError("expected the render to fail with values " + valuesFile + " and --set " + sets);
    }

    /**
     * The manifests with the hooks among them (the `helm test` Pod): helm-java's template leaves hooks out, so this
     * renders a copy of the chart whose hook annotations Helm does not recognise, and names them back in the output.
     */
    public static Manifests renderWithHooks(String valuesFile, Map<String, String> sets) {
        Path copy = hooksDir();
        String out = template(copy, valuesFile == null ? null : copy.resolve(valuesFile), sets);
        return Manifests.parse(out.replace(HIDDEN_HOOK, HOOK));
    }

    private static final String HOOK = "helm.sh/hook";
    private static final String HIDDEN_HOOK = "sir-helm-tests.invalid/hook";
    private static Path hooksDir;

    private static synchronized Path hooksDir() {
        if (hooksDir == null) {
            Path work = dir().getParent().resolveSibling("chart-with-hooks");
            deleteTree(work);
            Path copy = copyTo(work.resolve("sir-platform"));
            try (Stream<Path> files = Files.list(copy.resolve("templates"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.writeString(f, Files.readString(f).replace(HOOK, HIDDEN_HOOK));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            hooksDir = copy;
        }
        return hooksDir;
    }

    /** The NOTES a `helm install` would print (a client-only dry run) with a values file (relative to the chart). */
    public static String notes(String valuesFile, Map<String, String> sets) {
        InstallCommand cmd = new Helm(dir())
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly();
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(dir().resolve(valuesFile));
        }
        for (Map.Entry<String, String> set : new LinkedHashMap<>(sets).entrySet()) {
            cmd = cmd.set(set.getKey(), set.getValue());
        }
        return cmd.call().getOutput();
    }

    /** `helm lint --strict` of a chart directory (its own values.yaml). */
    public static LintResult lint(Path chartDir) {
        return new Helm(chartDir).lint().strict().call();
    }

    /**
     * A copy of the chart in {@code target} (symbolic links resolved: Helm reads the linked file, so does the copy),
     * to modify or lint with other values.
     */
    public static Path copyTo(Path target) {
        Path source = sourceDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to); // follows links
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
