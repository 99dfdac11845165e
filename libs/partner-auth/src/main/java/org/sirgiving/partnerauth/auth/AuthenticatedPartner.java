package org.sirgiving.partnerauth.auth;

import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.events.Feature;

/**
 * Who a verified partner request comes from. Everything it may touch is scoped by (partnerId, environment).
 * {@code allowedOrigins}, {@code tipEnabled} and {@code tipDefaultPercent} are the widget settings of that
 * (partner, environment), as set with {@code PATCH /v1/partner/config}.
 */
public record AuthenticatedPartner(
        String partnerId,
        Environment environment,
        String keyId,
        boolean secretKey,
        String tier,
        int rateLimit,
        List<String> enabledFeatures,
        List<String> allowedOrigins,
        boolean tipEnabled,
        int tipDefaultPercent) {

    /** A partner without widget settings: no allowed origins, tips off. */
    public AuthenticatedPartner(
            String partnerId,
            Environment environment,
            String keyId,
            boolean secretKey,
            String tier,
            int rateLimit,
            List<String> enabledFeatures) {
        this(partnerId, environment, keyId, secretKey, tier, rateLimit, enabledFeatures, List.of(), false, 0);
    }

    public boolean hasFeature(Feature feature) {
        return enabledFeatures != null && enabledFeatures.contains(feature.name());
    }
}
