package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.messaging.CredentialPublisher;
import org.sirgiving.partnerauth.credentials.CredentialSource;

/** keys-service answers its own cache misses from its database (other services ask it over HTTP). */
@ApplicationScoped
public class CredentialLookup implements CredentialSource {

    @Override
    public Uni<Optional<CredentialData>> fetch(String publicKey, String secretKeyHash) {
        if ((publicKey == null) == (secretKeyHash == null)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> (publicKey != null
                        ? ApiKey.<ApiKey>find("publicKey", publicKey)
                        : ApiKey.<ApiKey>find("secretKeyHash", secretKeyHash))
                .firstResult()
                .chain(key -> key == null
                        ? Uni.createFrom().item(Optional.<CredentialData>empty())
                        // Version 0: any state published on the topic is at least as new and replaces this one,
                        // so a lookup can never hide a change still on its way (a revocation, say).
                        : Partner.<Partner>findById(key.partnerId)
                                .map(p -> Optional.of(CredentialPublisher.toCredential(key, p, 0L)))));
    }
}
