package org.sirgiving.partnerauth.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * The caller's address. Behind the gateway it is the gateway's {@code X-Real-IP}; the gateway overwrites that header,
 * so a partner cannot forge it (the services are reachable only through the gateway; see the network policies).
 */
final class ClientAddress {
    static String of(RoutingContext rc) {
        String real = rc.request().getHeader("X-Real-IP");
        if (real != null && !real.isBlank()) {
            return real.trim();
        }
        return rc.request().remoteAddress() == null
                ? ""
                : rc.request().remoteAddress().hostAddress();
    }

    private ClientAddress() {}
}
