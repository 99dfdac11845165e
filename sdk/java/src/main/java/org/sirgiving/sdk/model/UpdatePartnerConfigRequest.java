package org.sirgiving.sdk.model;

import java.util.List;

/**
 * {@code PATCH /v1/partner/config} (signed, secret key): the widget settings of the key's environment. A null field
 * stays as it is; {@code allowedOrigins} replaces the whole list ({@code scheme://host[:port]}, at most 20; https in
 * production; an empty list allows none, but loopback pages for a sandbox key).
 */
public record UpdatePartnerConfigRequest(PartnerConfig.TipConfig tipConfig, List<String> allowedOrigins) {

    public static UpdatePartnerConfigRequest tips(boolean enabled, int defaultPercent) {
        return new UpdatePartnerConfigRequest(new PartnerConfig.TipConfig(enabled, defaultPercent), null);
    }

    public static UpdatePartnerConfigRequest allowedOrigins(List<String> origins) {
        return new UpdatePartnerConfigRequest(null, List.copyOf(origins));
    }
}
