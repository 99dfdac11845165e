package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /v1/partner/config} (and the answer of its {@code PATCH}): what the widget needs to know about the
 * partner. {@code tipConfig} and {@code allowedOrigins} are those of the key's environment; {@code isActive} is false
 * while the partner is suspended; {@code webhookUrl} may be null.
 */
public record PartnerConfig(
        String id,
        String name,
        String slug,
        List<Feature> enabledFeatures,
        int rateLimit,
        @JsonProperty("isActive") boolean isActive,
        String webhookUrl,
        TipConfig tipConfig,
        List<String> allowedOrigins) {

    /** Whether donations offer a tip, and its default percent (0 to 100). */
    public record TipConfig(boolean enabled, int defaultPercent) {}
}
