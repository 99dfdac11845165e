package org.sirgiving.partnerauth.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * CORS for widget calls: a page on a partner's site calling with its publishable key (docs/partner-api.md section 7).
 *
 * <p>Quarkus's own CORS filter ({@code quarkus.http.cors}) knows only origins fixed in configuration; ours differ per
 * (partner, environment) and are known only once the key is, so the check is here. A preflight ({@code OPTIONS})
 * carries no key, so it cannot be partner-specific: every preflight under {@code /v1/partner/} gets the same answer,
 * which lets a page send only the widget's headers (no {@code X-Signature}: a signed call is never made from a
 * browser). The actual request then decides: {@link PartnerAuthenticator} refuses an origin the key's environment does
 * not allow with 403 ORIGIN_NOT_ALLOWED, and {@link PartnerAuthFilters} puts the allowing headers on the answer.
 */
@ApplicationScoped
public class WidgetCors {
    public static final String ORIGIN = "Origin";
    public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    public static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    public static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    public static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    public static final String MAX_AGE = "Access-Control-Max-Age";
    public static final String REQUEST_METHOD = "Access-Control-Request-Method";
    public static final String VARY = "Vary";

    static final String METHODS = "GET, POST";
    static final String HEADERS = "X-Partner-Key, Content-Type, Idempotency-Key";
    static final String EXPOSED =
            "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Idempotent-Replayed";
    static final String PREFLIGHT_MAX_AGE = "600";

    /** Preflights are answered before Quarkus REST (which would otherwise answer OPTIONS itself, without CORS). */
    void install(@Observes Router router) {
        router.route("/v1/partner/*").order(-998).handler(rc -> {
            if (rc.request().method() == HttpMethod.OPTIONS
                    && rc.request().getHeader(ORIGIN) != null
                    && rc.request().getHeader(REQUEST_METHOD) != null) {
                rc.response()
                        .setStatusCode(204)
                        .putHeader(ALLOW_ORIGIN, rc.request().getHeader(ORIGIN))
                        .putHeader(ALLOW_METHODS, METHODS)
                        .putHeader(ALLOW_HEADERS, HEADERS)
                        .putHeader(MAX_AGE, PREFLIGHT_MAX_AGE)
                        .putHeader(VARY, ORIGIN)
                        .end();
                return;
            }
            rc.next();
        });
    }

    /**
     * Whether a page on {@code origin} may use a key of {@code environment} whose settings allow {@code allowed}:
     * an exact match of scheme://host[:port] (as browsers send it: lower case, no default port), or, in sandbox with
     * nothing configured, any loopback origin so that a partner can try the widget from a local page at once.
     */
    public static boolean allows(String origin, Environment environment, List<String> allowed) {
        if (allowed != null && !allowed.isEmpty()) {
            return allowed.contains(origin);
        }
        return environment == Environment.SANDBOX && isLoopback(origin);
    }

    static boolean isLoopback(String origin) {
        try {
            URI uri = new URI(origin);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && host != null
                    && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * An origin in the form browsers send and {@link #allows} compares: lower-case scheme and host, the port only when
     * it is not the scheme's default; null when {@code value} is not an http(s) origin (a path, query, user or
     * fragment makes it something else).
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The headers an answer to an allowed origin carries, so the page's script can read it and ours. */
    static Map<String, String> allowing(String origin) {
        return Map.of(ALLOW_ORIGIN, origin, VARY, ORIGIN, EXPOSE_HEADERS, EXPOSED);
    }

    /** 403 ORIGIN_NOT_ALLOWED, readable by the page that caused it, saying how to allow the origin. */
    static ApiException refused(String origin, Environment environment) {
        ApiException e = new ApiException(
                ErrorCode.ORIGIN_NOT_ALLOWED,
                "Requests from the origin " + origin + " are not allowed for this partner's " + environment.wireName()
                        + " keys; add it to allowedOrigins with PATCH /v1/partner/config (signed, with the "
                        + environment.wireName() + " secret key)"
                        + (environment == Environment.SANDBOX
                                ? " (while that list is empty, sandbox keys allow only http://localhost and"
                                        + " http://127.0.0.1 pages)"
                                : ""));
        allowing(origin).forEach(e::withHeader);
        return e;
    }
}
