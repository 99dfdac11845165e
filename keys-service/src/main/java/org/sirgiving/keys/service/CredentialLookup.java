package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.messaging.CredentialPublisher;
import org.sirgiving.partnerauth.credentials.CredentialSource;

import java.util.Optional;

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
                        : ApiKey.<ApiKey>find("secretKeyHash", secretKeyHash)).firstResult()
                .chain(key -> key == null ? Uni.createFrom().item(Optional.<CredentialData>empty())
                        : Partner.<Partner>findById(key.partnerId).chain(p -> currentVersion()
                                .map(v -> Optional.of(CredentialPublisher.toCredential(key, p, v))))));
    }

    /** The version of a state read from the database: not newer than anything published after it. */
    private static Uni<Long> currentVersion() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM credential_version_seq", Long.class)
                .getSingleResult());
    }
}
