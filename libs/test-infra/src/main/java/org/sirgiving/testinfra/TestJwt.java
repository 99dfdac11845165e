package org.sirgiving.testinfra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * User JWTs for tests, signed the way the identity provider signs them. In test mode Quarkus gives SmallRye JWT
 * an in-memory key pair (verification and signing keys); the issuer and audience match libs/partner-auth's
 * {@code %test} profile.
 */
public final class TestJwt {
    public static final String ISSUER = "https://identity.test.sirgiving.org";
    public static final String AUDIENCE = "https://api.test.sirgiving.org";

    /** A token as the identity provider issues it: now, for one hour, for this platform. */
    public static String token(String subject, String... groups) {
        return claims(subject, groups).sign();
    }

    /**
     * The claims of {@link #token}, to be changed (audience, issued-at, expiry) before {@code sign()}: for tests of
     * tokens the services must refuse.
     */
    public static JwtClaimsBuilder claims(String subject, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject + "@example.org")
                .claim("email", subject + "@example.org")
                .groups(Set.of(groups))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)));
    }

    private TestJwt() {}
}
