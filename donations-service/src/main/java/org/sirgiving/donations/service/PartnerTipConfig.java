package org.sirgiving.donations.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Where a partner's {@link TipConfig} comes from: the one place that reads it. The credential carries the partner's
 * settings for the key's environment (keys-service publishes them on {@code sir.credentials.v1}); until
 * {@code AuthenticatedPartner} exposes them, every partner has {@link TipConfig#DEFAULT}.
 */
@ApplicationScoped
public class PartnerTipConfig {

    public TipConfig of(AuthenticatedPartner partner) {
        return new TipConfig(partner.tipEnabled(), partner.tipDefaultPercent());
    }
}
