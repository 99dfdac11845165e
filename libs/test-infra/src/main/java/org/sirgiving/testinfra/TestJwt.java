package org.sirgiving.testinfra;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/**
 * User JWTs for tests, signed the way the identity provider signs them. In test mode Quarkus gives SmallRye JWT
 * an in-memory key pair (verification and signing keys); the issuer matches keys-service's {@code %test} issuer.
 */
public final class TestJwt {
    public static final String ISSUER = "https://identity.test.sirgiving.org";

    public static String token(String subject, String... groups) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject + "@example.org")
                .claim("email", subject + "@example.org")
                .groups(Set.of(groups))
                .expiresIn(3600)
                .sign();
    }

    private TestJwt() {}
}
