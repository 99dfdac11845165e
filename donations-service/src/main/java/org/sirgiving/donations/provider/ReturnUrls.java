package org.sirgiving.donations.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a checkout sends the donor back (the partner's {@code returnUrl}, or the platform's thank-you page): the same
 * URL with the donation's id added to its query, and {@code cancelled=true} for a donor who left without paying. The
 * page reads the outcome from the status endpoint, never from these parameters, which anyone can type.
 */
public final class ReturnUrls {
    private ReturnUrls() {}

    public static String of(String url, String partnerDonationId, boolean cancelled) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String query = "partnerDonationId=" + URLEncoder.encode(partnerDonationId, StandardCharsets.UTF_8)
                + (cancelled ? "&cancelled=true" : "");
        return base + (base.contains("?") ? "&" : "?") + query + fragment;
    }
}
