package org.sirgiving.partnerauth.auth;

import jakarta.enterprise.context.RequestScoped;
import org.sirgiving.partnerauth.errors.ApiException;
import org.sirgiving.partnerauth.errors.ErrorCode;

/** The partner the current request was authenticated as; set by {@link PartnerAuthFilters}. */
@RequestScoped
public class PartnerContext {
    private AuthenticatedPartner partner;

    void set(AuthenticatedPartner partner) {
        this.partner = partner;
    }

    public AuthenticatedPartner partner() {
        if (partner == null) {
            // A resource without an auth annotation asked for a partner: a programming error, never a client's.
            throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "This endpoint requires partner credentials");
        }
        return partner;
    }
}
