package org.sirgiving.partnerauth.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;

/** One check of the internal token for every {@link InternalAuth} endpoint, compared in constant time. */
public class InternalAuthFilter {
    private final String internalToken;

    public InternalAuthFilter(@ConfigProperty(name = "sir.internal.token") String internalToken) {
        this.internalToken = internalToken;
    }

    @InternalAuth
    @ServerRequestFilter
    public void internalToken(ContainerRequestContext request) {
        String presented = request.getHeaderString(KeysServiceClient.INTERNAL_TOKEN_HEADER);
        if (!Crypto.constantTimeEquals(internalToken, presented == null ? "" : presented)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Internal endpoint");
        }
    }
}
