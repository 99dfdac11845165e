package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Values;

class ChartLintTest {

    @Test
    void helmLintStrictPassesWithTheDefaultValues() {
        LintResult result = Chart.lint(Chart.sourceDir());
        assertFalse(result.isFailed(), () -> "helm lint --strict: " + result.getMessages());
    }

    @Test
    void helmLintStrictPassesWithTheProductionValues(@TempDir Path tmp) {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is values.yaml overlaid with the file.
        Path copy = Chart.copyTo(tmp.resolve("sir-platform"));
        Values.overlayChartValues(copy, Chart.productionValues());
        LintResult result = Chart.lint(copy);
        assertFalse(result.isFailed(), () -> "helm lint --strict -f values-production.yaml: " + result.getMessages());
    }
}
