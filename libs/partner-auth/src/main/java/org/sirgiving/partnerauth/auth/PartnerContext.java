package org.sirgiving.partnerauth.auth;

import jakarta.enterprise.context.RequestScoped;
import org.sirgiving.events.Feature;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.ratelimit.RateLimitDecision;

/** The partner the current request was authenticated as, and its rate-limit standing; set by {@link PartnerAuthFilters}. */
@RequestScoped
public class PartnerContext {
    private AuthenticatedPartner partner;
    private RateLimitDecision rateLimit;

    private String allowedOrigin;

    void set(AuthenticatedPartner partner, RateLimitDecision rateLimit, String allowedOrigin) {
        this.partner = partner;
        this.rateLimit = rateLimit;
        this.allowedOrigin = allowedOrigin;
    }

    public AuthenticatedPartner partner() {
        if (partner == null) {
            // A resource without an auth annotation asked for a partner: a programming error, never a client's.
            throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "This endpoint requires partner credentials");
        }
        return partner;
    }

    /** Refuses the request unless the partner has {@code feature} enabled (403 FEATURE_DISABLED). */
    public AuthenticatedPartner requireFeature(Feature feature) {
        AuthenticatedPartner p = partner();
        if (!p.hasFeature(feature)) {
            throw new ApiException(
                    ErrorCode.FEATURE_DISABLED, "The " + feature + " feature is not enabled for this partner");
        }
        return p;
    }

    public RateLimitDecision rateLimit() {
        return rateLimit;
    }

    /** The browser origin of a widget call that was allowed (its answer carries the CORS headers); else null. */
    public String allowedOrigin() {
        return allowedOrigin;
    }
}
