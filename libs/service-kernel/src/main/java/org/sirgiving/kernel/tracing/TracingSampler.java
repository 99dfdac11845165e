package org.sirgiving.kernel.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which spans are recorded (and so exported). With a ratio of 0 (the default, and the local run's) nothing is
 * recorded whatever an incoming {@code traceparent} asks: there is no export and next to no cost, while trace and span
 * ids are still made, carried through the outbox and Kafka, and written in every log line. Above 0, a trace started
 * here is kept at that ratio and a continued one follows its parent's decision, so a trace is kept whole or not at
 * all across the services.
 */
public class TracingSampler {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "sir.tracing.sampling-ratio") double ratio) {
        if (ratio <= 0) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(Math.min(ratio, 1.0)));
    }
}
