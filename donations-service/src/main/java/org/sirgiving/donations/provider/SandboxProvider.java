package org.sirgiving.donations.provider;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.sirgiving.donations.service.DonationsConfig;

/**
 * The checkout of every sandbox link: donations-service's own hosted test page ({@code /donate/checkout/<token>}),
 * where the tester completes, fails or cancels the donation like in a provider's test mode. No money moves; the
 * buttons send the same notifications a provider's webhook would. The reference is the page's unguessable token.
 */
@ApplicationScoped
public class SandboxProvider implements PaymentProvider {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DonationsConfig config;

    public SandboxProvider(DonationsConfig config) {
        this.config = config;
    }

    @Override
    public Provider provider() {
        return Provider.SANDBOX;
    }

    @Override
    public Uni<CheckoutLink> createCheckout(CheckoutRequest request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        String base = config.publicBaseUrl().replaceAll("/+$", "");
        return Uni.createFrom().item(new CheckoutLink(base + "/donate/checkout/" + token, token));
    }
}
