package org.sirgiving.donations.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.WidgetCors;

/**
 * create-link's {@code returnUrl}: the donor is sent there after the checkout, so it must be one of the partner's own
 * pages, not any address a page script chooses (an open redirect through our checkout). "Its own" is what the key's
 * CORS rule already says: an origin in the environment's {@code allowedOrigins}, or a loopback page for a sandbox key
 * with none. One rule, in libs/partner-auth's {@link WidgetCors}, for both.
 */
final class ReturnUrl {
    private static final String FIELD = "returnUrl";

    private ReturnUrl() {}

    static void check(String returnUrl, AuthenticatedPartner partner) {
        if (returnUrl == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(returnUrl);
        } catch (URISyntaxException e) {
            throw ApiException.validation(FIELD, "must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.validation(FIELD, "must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.validation(FIELD, "must not carry a user name or password");
        }
        String origin = WidgetCors.normalize(scheme + "://" + uri.getRawAuthority());
        if (origin == null || !WidgetCors.allows(origin, partner.environment(), partner.allowedOrigins())) {
            throw ApiException.validation(
                    FIELD,
                    "must be on an origin this key may be used from (" + origin + " is not): add it to allowedOrigins"
                            + " with PATCH /v1/partner/config");
        }
    }
}
