package org.sirgiving.partnerauth.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;

/**
 * One check of the internal token for every {@link InternalAuth} endpoint, compared in constant time. Besides the token
 * a service sends ({@code sir.internal.token}) it accepts those in {@code sir.internal.also-accepted-tokens}, so the
 * token can be rotated without a moment in which replicas refuse each other (docs/operations.md, "Rotating secrets":
 * first accept the new one everywhere, then send it, then stop accepting the old one).
 */
public class InternalAuthFilter {
    private final List<String> accepted;

    public InternalAuthFilter(
            @ConfigProperty(name = "sir.internal.token") String internalToken,
            @ConfigProperty(name = "sir.internal.also-accepted-tokens") Optional<List<String>> alsoAccepted) {
        List<String> tokens = new ArrayList<>();
        tokens.add(internalToken);
        alsoAccepted.ifPresent(l -> l.stream().filter(t -> !t.isBlank()).forEach(tokens::add));
        this.accepted = List.copyOf(tokens);
    }

    @InternalAuth
    @ServerRequestFilter
    public void internalToken(ContainerRequestContext request) {
        String presented = request.getHeaderString(KeysServiceClient.INTERNAL_TOKEN_HEADER);
        String candidate = presented == null ? "" : presented;
        // Every accepted token is compared (no early exit), so the time taken says nothing about which one matched.
        boolean match = false;
        for (String token : accepted) {
            match |= Crypto.constantTimeEquals(token, candidate);
        }
        if (!match) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Internal endpoint");
        }
    }
}
