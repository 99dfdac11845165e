package org.sirgiving.partnerauth.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a user JWT issued in the future (iat later than now plus the clock skew): such a token would outlive
 * the lifetime cap ({@code smallrye.jwt.time-to-live} bounds exp - iat, not exp - now). SmallRye JWT checks exp,
 * aud, the lifetime and a token's age, but has no setting for a future iat, hence this small check after it.
 * Applies only to identities carrying a JWT (keys-service, rewards-service's operators).
 */
@ApplicationScoped
public class IssuedAtCheck implements SecurityIdentityAugmentor {
    private final Clock clock;
    private final long skewSeconds;

    public IssuedAtCheck(Clock clock, @ConfigProperty(name = "mp.jwt.verify.clock.skew") long skewSeconds) {
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getIssuedAtTime() > clock.instant().getEpochSecond() + skewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
