package org.sirgiving.webhooks.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The form of a webhook URL (docs/partner-api.md section 6): absolute https with a host (plain http only where
 * {@code sir.webhooks.allow-http} says), no credentials, no fragment. One home for the check at registration
 * ({@code api/WebhookUrl}) and for the URL a production request named. Where it may point is {@link TargetPolicy}'s.
 */
public final class WebhookUrls {

    /** What is wrong with {@code value}, for the partner; null when it is a well-formed webhook URL. */
    public static String problem(String value, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "must be a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return allowHttp ? "must be an http or https URL" : "must be an https URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host (ASCII or punycode)";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain credentials; use headers for an Authorization header";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment";
        }
        return null;
    }

    private WebhookUrls() {}
}
