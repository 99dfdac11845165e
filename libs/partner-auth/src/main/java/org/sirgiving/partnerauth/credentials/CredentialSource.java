package org.sirgiving.partnerauth.credentials;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import org.sirgiving.events.payload.CredentialData;

/** Where a cache miss is answered. Exactly one of the two lookups is given. */
public interface CredentialSource {
    Uni<Optional<CredentialData>> fetch(String publicKey, String secretKeyHash);
}
