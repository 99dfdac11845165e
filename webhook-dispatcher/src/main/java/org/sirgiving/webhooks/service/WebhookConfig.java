package org.sirgiving.webhooks.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code sir.webhooks.*}: the dispatcher's settings (application.properties documents each). */
@ConfigMapping(prefix = "sir.webhooks")
public interface WebhookConfig {
    /** Plain http targets are accepted (local and sandbox runs only). */
    boolean allowHttp();

    /** Targets resolving to loopback, private, link-local… addresses are accepted (local and test runs only). */
    boolean allowPrivateTargets();

    Duration pollInterval();

    Duration pollDelay();

    /** How long a kick waits so that the kicks of many sends and queued events share one claim. */
    Duration kickDelay();

    /** How long a claimed delivery belongs to its sender; a crashed sender's delivery is re-claimed after it. */
    Duration lease();

    /** The whole attempt: DNS, connect, TLS, request and response. */
    Duration requestTimeout();

    int batchSize();

    int maxInFlight();

    int maxInFlightPerEndpoint();

    /** How long a rotated-out secret keeps signing beside the new one (docs/partner-api.md "Secret rotation"). */
    Duration secretRotationOverlap();
}
