package org.sirgiving.partnerauth.auth;

import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.events.Feature;

/** Who a verified partner request comes from. Everything it may touch is scoped by (partnerId, environment). */
public record AuthenticatedPartner(
        String partnerId,
        Environment environment,
        String keyId,
        boolean secretKey,
        String tier,
        int rateLimit,
        List<String> enabledFeatures) {

    public boolean hasFeature(Feature feature) {
        return enabledFeatures != null && enabledFeatures.contains(feature.name());
    }
}
