package org.sirgiving.donations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.sirgiving.donations.provider.PaymentProvider;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.events.Environment;

/** Who runs a link's checkout: the sandbox for every sandbox key, else the provider the partner named. */
@ApplicationScoped
public class CheckoutProviders {
    private final List<PaymentProvider> providers;

    public CheckoutProviders(@Any Instance<PaymentProvider> providers) {
        this.providers = providers.stream().toList();
    }

    public static Provider runnerOf(Environment environment, Provider requested) {
        return environment == Environment.SANDBOX ? Provider.SANDBOX : requested;
    }

    public PaymentProvider get(Provider provider) {
        return providers.stream()
                .filter(p -> p.provider() == provider)
                .findFirst()
                .orElseThrow(() -> new ProviderUnavailable(
                        "Donations through " + provider.wireName() + " are not available yet; try again later"));
    }
}
