package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;
import org.sirgiving.helmtests.support.PromQl;
import org.sirgiving.helmtests.support.Promtool;

/**
 * The alerts (PrometheusRule) and the Grafana dashboard: behind their switches, checked by promtool, unit-tested with
 * promtool test rules (src/test/resources/promtool), querying only metrics the services expose (deploy/metrics.tsv,
 * which each service's OperatorMetricsTest checks against its /q/metrics), each alert with its runbook section.
 */
class MonitoringTest {
    private static final String RULE = "PrometheusRule";
    private static final String DASHBOARD = Chart.RELEASE + "-dashboard";

    private static JsonNode rule() {
        return Renders.MONITORING.manifests().get(RULE, Chart.RELEASE + "-alerts");
    }

    private static List<JsonNode> rules() {
        List<JsonNode> out = new ArrayList<>();
        rule().path("spec").path("groups").forEach(g -> g.path("rules").forEach(out::add));
        return out;
    }

    private static JsonNode dashboard() throws IOException {
        JsonNode cm = Renders.MONITORING.manifests().get("ConfigMap", DASHBOARD);
        return Manifests.JSON.readTree(cm.path("data").path("sir-platform.json").asText());
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> out = new ArrayList<>();
        dashboard()
                .path("panels")
                .forEach(p ->
                        p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        dashboard().path("templating").path("list").forEach(v -> {
            if (v.path("query").has("query")) {
                out.add(v.path("query").path("query").asText().replaceAll("^label_values\\((.*),[^,]*\\)$", "$1"));
            }
        });
        return out;
    }

    /** deploy/metrics.tsv's names (read here independently of libs/test-infra, which the services' tests use). */
    private static Set<String> exposedNames() throws IOException {
        return Files.readAllLines(Chart.repoRoot().resolve("deploy/metrics.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path work(String name) throws IOException {
        Path dir = Paths.get(System.getProperty("sir.chart.work", "target/chart"))
                .toAbsolutePath()
                .resolveSibling("promtool")
                .resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    /** The rendered rule groups as a Prometheus rule file, beside the unit tests that read it as rules.yaml. */
    private static Path renderedRules(String dirName) throws IOException {
        Path dir = work(dirName);
        Manifests.YAML.writeValue(dir.resolve("rules.yaml").toFile(), rule().path("spec"));
        return dir;
    }

    @Test
    void alertsAndDashboardAreOffUnlessSwitchedOn() {
        for (Renders.Case c : List.of(Renders.DEFAULTS, Renders.PRODUCTION, Renders.GATEWAY)) {
            assertTrue(c.manifests().ofKind(RULE).isEmpty(), c.name());
            assertFalse(c.manifests().names("ConfigMap").contains(DASHBOARD), c.name());
        }
        assertEquals(1, Renders.MONITORING.manifests().ofKind(RULE).size());
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarLabelItsConfigurableLabelsAndTheDashboardJson() throws IOException {
        JsonNode cm = Renders.MONITORING.manifests().get("ConfigMap", DASHBOARD);
        assertEquals(
                "1",
                cm.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals("sir-platform", dashboard().path("uid").asText());

        JsonNode relabelled = Chart.render(Map.of(
                        "metrics.dashboard.enabled", "true",
                        "metrics.dashboard.labels.grafana_dashboard", "null",
                        "metrics.dashboard.labels.dashboards", "sir",
                        "metrics.dashboard.annotations.grafana_folder", "SIR"))
                .get("ConfigMap", DASHBOARD);
        JsonNode labels = relabelled.path("metadata").path("labels");
        assertFalse(labels.has("grafana_dashboard"), labels::toString);
        assertEquals("sir", labels.path("dashboards").asText());
        assertEquals(
                "SIR",
                relabelled
                        .path("metadata")
                        .path("annotations")
                        .path("grafana_folder")
                        .asText());
    }

    @Test
    void theRuleCarriesTheLabelsPrometheusSelectsByAndTheAlertsTheirsAndARunbookLink() {
        JsonNode r = Chart.render(Map.of(
                        "metrics.prometheusRule.enabled", "true",
                        "metrics.prometheusRule.labels.release", "kube-prometheus-stack",
                        "metrics.prometheusRule.additionalAlertLabels.team", "payments",
                        "metrics.prometheusRule.runbookBaseUrl", "https://runbooks.example.org/sir"))
                .get(RULE, Chart.RELEASE + "-alerts");
        assertEquals(
                "kube-prometheus-stack",
                r.path("metadata").path("labels").path("release").asText());
        JsonNode first = r.path("spec").path("groups").get(0).path("rules").get(0);
        assertEquals("payments", first.path("labels").path("team").asText());
        assertEquals(
                "https://runbooks.example.org/sir#"
                        + first.path("alert").asText().toLowerCase(),
                first.path("annotations").path("runbook_url").asText());
    }

    @Test
    void theDashboardAndTheAlertsQueryOnlyMetricsTheServicesExposeAndUseEveryOneListed() throws IOException {
        Set<String> exposed = exposedNames();
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String q : dashboardQueries()) {
            Set<String> names = PromQl.metricNames(q);
            if (names.isEmpty()) {
                problems.add("dashboard query selects no metric: " + q);
            }
            names.stream().filter(n -> !exposed.contains(n)).forEach(n -> problems.add("dashboard: " + n));
            used.addAll(names);
        }
        for (JsonNode rule : rules()) {
            Set<String> names = PromQl.metricNames(rule.path("expr").asText());
            names.stream()
                    .filter(n -> !exposed.contains(n))
                    .forEach(n -> problems.add(rule.path("alert").asText() + ": " + n));
            used.addAll(names);
        }
        exposed.stream()
                .filter(n -> !used.contains(n))
                .forEach(n -> problems.add("deploy/metrics.tsv lists " + n + ", which nothing queries"));
        assertTrue(problems.isEmpty(), () -> "not in deploy/metrics.tsv or unused:\n" + String.join("\n", problems));
    }

    @Test
    void theMetricNameReaderFindsSelectorsAndSkipsFunctionsLabelsAndVariables() {
        assertEquals(
                Set.of("a_bucket", "b_total", "c"),
                PromQl.metricNames(
                        "histogram_quantile(0.95, sum by (le, job) (rate(a_bucket{x=\"y{z}\"}[$__rate_interval])))"
                                + " / on (pool) max without (pod) (b_total offset 5m) > bool 1e+06 and c"));
    }

    @Test
    void theRenderedRulesPassPromtoolCheckRules() throws IOException {
        Path dir = renderedRules("check");
        Promtool.Run run = Promtool.run(dir, "check", "rules", "rules.yaml");
        assertTrue(run.ok(), run::output);
        assertTrue(run.output().contains("SUCCESS: " + rules().size() + " rules found"), run::output);
    }

    /** The check above can fail: a rule with a broken expression is refused. */
    @Test
    void promtoolCheckRulesRefusesABrokenExpression() throws IOException {
        Path dir = work("broken");
        Files.writeString(
                dir.resolve("rules.yaml"),
                "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum by (job (up)\n");
        Promtool.Run run = Promtool.run(dir, "check", "rules", "rules.yaml");
        assertFalse(run.ok(), run::output);
    }

    /** src/test/resources/promtool/alerts-test.yaml: when alerts fire, with which labels and annotations. */
    @Test
    void theAlertsFireAsTheirPromtoolUnitTestsExpect() throws IOException {
        Path dir = renderedRules("test");
        try (var in = MonitoringTest.class.getResourceAsStream("/promtool/alerts-test.yaml")) {
            Files.write(dir.resolve("alerts-test.yaml"), in.readAllBytes());
        }
        Promtool.Run run = Promtool.run(dir, "test", "rules", "alerts-test.yaml");
        assertTrue(run.ok(), run::output);
    }

    /** docs/operations.md "Alerts" has a section per alert, headed with its name, and none for an alert not shipped. */
    @Test
    void everyAlertHasARunbookSectionInTheOperationsGuide() throws IOException {
        String doc = Files.readString(Chart.repoRoot().resolve("docs/operations.md"));
        int start = doc.indexOf("\n## Alerts\n");
        assertTrue(start >= 0, "docs/operations.md has no \"## Alerts\" section");
        int end = doc.indexOf("\n## ", start + 1);
        String alerts = doc.substring(start, end < 0 ? doc.length() : end);
        Set<String> sections = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^### (Sir\\w+)$").matcher(alerts);
        while (m.find()) {
            sections.add(m.group(1));
        }
        Set<String> shipped =
                rules().stream().map(r -> r.path("alert").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(shipped, sections);
    }
}
