package org.sirgiving.partnerauth.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sirgiving.events.Environment;
import org.sirgiving.events.PartnerStatus;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.credentials.ApiKeyFormat;
import org.sirgiving.partnerauth.credentials.CredentialCache;
import org.sirgiving.partnerauth.signing.RequestSigning;
import org.sirgiving.partnerauth.signing.SecretSealer;

/**
 * docs/partner-api.md section 3, once for every service: find the key, check the timestamp window and the signature
 * over the raw bytes received, then the key's and partner's state. State is only disclosed (403) to a caller whose
 * signature proved it holds the key.
 */
@ApplicationScoped
public class PartnerAuthenticator {
    private final CredentialCache cache;
    private final SecretSealer sealer;
    private final Clock clock;

    /** Wall-clock time on purpose: partners sign with theirs, so tests moving the services' rule clock leave it be. */
    @Inject
    public PartnerAuthenticator(CredentialCache cache, SecretSealer sealer) {
        this(cache, sealer, Clock.systemUTC());
    }

    PartnerAuthenticator(CredentialCache cache, SecretSealer sealer, Clock clock) {
        this.cache = cache;
        this.sealer = sealer;
        this.clock = clock;
    }

    public Uni<AuthenticatedPartner> authenticate(Surface surface, RoutingContext rc) {
        String presented = rc.request().getHeader(RequestSigning.HEADER_KEY);
        if (presented == null || presented.isBlank()) {
            return Uni.createFrom()
                    .failure(new ApiException(ErrorCode.MISSING_CREDENTIALS, "X-Partner-Key is required"));
        }
        String key = presented.trim();
        if (!ApiKeyFormat.isWellFormed(key)) {
            // No issued key looks like this: refused before any lookup (docs/partner-api.md section 2).
            return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_API_KEY, "Unknown API key"));
        }
        return cache.find(key).map(found -> {
            CredentialData c = found.orElseThrow(() -> new ApiException(ErrorCode.INVALID_API_KEY, "Unknown API key"));
            if (c.revoked()) {
                throw new ApiException(ErrorCode.INVALID_API_KEY, "Unknown API key");
            }
            boolean secret = key.startsWith("sk_");
            // A secret key never works unsigned, the widget surface included (docs/partner-api.md sections 3 and 7).
            if (surface != Surface.WIDGET || secret) {
                verifySignature(c, rc);
            }
            if (surface == Surface.SECRET_KEY && !secret) {
                throw new ApiException(ErrorCode.SECRET_KEY_REQUIRED, "This endpoint requires a secret key (sk_)");
            }
            checkState(c, rc);
            List<String> origins = c.allowedOrigins() == null ? List.of() : c.allowedOrigins();
            if (surface == Surface.WIDGET) {
                checkOrigin(rc, Environment.fromWire(c.environment()), origins);
            }
            return new AuthenticatedPartner(
                    c.partnerId(),
                    Environment.fromWire(c.environment()),
                    c.keyId(),
                    secret,
                    c.tier(),
                    c.rateLimit(),
                    c.enabledFeatures() == null ? List.of() : c.enabledFeatures(),
                    origins,
                    c.tipEnabled(),
                    c.tipDefaultPercent());
        });
    }

    /**
     * A widget call from a browser page (it sends {@code Origin}) must come from an origin the key's environment
     * allows ({@link WidgetCors}); a call without {@code Origin} (a server, curl) is not a CORS request.
     */
    private static void checkOrigin(RoutingContext rc, Environment environment, List<String> allowed) {
        String origin = rc.request().getHeader(WidgetCors.ORIGIN);
        if (origin != null && !WidgetCors.allows(origin, environment, allowed)) {
            throw WidgetCors.refused(origin, environment);
        }
    }

    private void verifySignature(CredentialData c, RoutingContext rc) {
        String timestamp = rc.request().getHeader(RequestSigning.HEADER_TIMESTAMP);
        String signature = rc.request().getHeader(RequestSigning.HEADER_SIGNATURE);
        if (timestamp == null || signature == null) {
            throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "X-Timestamp and X-Signature are required");
        }
        if (!RequestSigning.withinWindow(timestamp.trim(), clock.instant().getEpochSecond())) {
            throw new ApiException(
                    ErrorCode.TIMESTAMP_OUT_OF_WINDOW, "X-Timestamp must be Unix seconds within 300 s of server time");
        }
        byte[] body = rc.body() == null || rc.body().buffer() == null
                ? new byte[0]
                : rc.body().buffer().getBytes();
        String secret = sealer.open(c.hmacSecretSealed());
        if (!RequestSigning.verify(
                secret,
                timestamp.trim(),
                rc.request().method().name(),
                pathWithQuery(rc),
                body,
                signature.trim().toLowerCase(Locale.ROOT))) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE, "The signature does not match the request");
        }
    }

    /** The path and query exactly as sent, without scheme and host even when the request line was absolute-form. */
    static String pathWithQuery(RoutingContext rc) {
        String uri = rc.request().uri();
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int path = uri.indexOf('/', scheme + 3);
            return path < 0 ? "/" : uri.substring(path);
        }
        return uri;
    }

    private void checkState(CredentialData c, RoutingContext rc) {
        if (!c.active()) {
            throw new ApiException(ErrorCode.KEY_INACTIVE, "This API key is deactivated");
        }
        Instant expiresAt = c.expiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            throw new ApiException(ErrorCode.KEY_EXPIRED, "This API key has expired");
        }
        if (PartnerStatus.SUSPENDED.name().equals(c.partnerStatus())) {
            throw new ApiException(ErrorCode.PARTNER_SUSPENDED, "This partner is suspended");
        }
        if (Environment.fromWire(c.environment()) == Environment.PRODUCTION
                && !(c.productionApproved() && PartnerStatus.ACTIVE.name().equals(c.partnerStatus()))) {
            throw new ApiException(
                    ErrorCode.PARTNER_NOT_APPROVED, "Production access is not approved for this partner");
        }
        List<String> allow = c.ipAllowlist();
        if (allow != null && !allow.isEmpty()) {
            String ip = ClientAddress.of(rc);
            if (!allow.contains(ip)) {
                throw new ApiException(ErrorCode.IP_NOT_ALLOWED, "Requests from this address are not allowed");
            }
        }
    }
}
