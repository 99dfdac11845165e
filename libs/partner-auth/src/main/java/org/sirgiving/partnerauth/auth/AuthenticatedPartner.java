package org.sirgiving.partnerauth.auth;

import org.sirgiving.events.Environment;

/** Who a verified partner request comes from. Everything it may touch is scoped by (partnerId, environment). */
public record AuthenticatedPartner(String partnerId, Environment environment, String keyId, boolean secretKey,
                                   String tier, int rateLimit) {
}
