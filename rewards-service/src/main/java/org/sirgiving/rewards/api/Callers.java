package org.sirgiving.rewards.api;

import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.rewards.domain.PartnerScope;

/** The authenticated partner as the services know it: its id in the environment of its key. */
final class Callers {
    static PartnerScope scope(PartnerContext partner) {
        AuthenticatedPartner p = partner.partner();
        return new PartnerScope(p.partnerId(), p.environment());
    }

    private Callers() {}
}
