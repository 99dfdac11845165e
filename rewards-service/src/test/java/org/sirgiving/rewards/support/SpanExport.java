package org.sirgiving.rewards.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.sirgiving.testinfra.TestSpans;

/** Spans go to memory in the tests (recorded only under TracedProfile). */
public class SpanExport {
    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return TestSpans.exporter();
    }
}
