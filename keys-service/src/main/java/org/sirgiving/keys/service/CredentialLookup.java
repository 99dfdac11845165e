package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.keys.repository.WidgetSettingsStore;
import org.sirgiving.partnerauth.credentials.CredentialSource;

/** keys-service answers its own cache misses from its database (other services ask it over HTTP). */
@ApplicationScoped
public class CredentialLookup implements CredentialSource {
    private final UnitOfWork tx;
    private final ApiKeyStore keys;
    private final PartnerStore partners;
    private final WidgetSettingsStore widgetSettings;

    public CredentialLookup(
            UnitOfWork tx, ApiKeyStore keys, PartnerStore partners, WidgetSettingsStore widgetSettings) {
        this.tx = tx;
        this.keys = keys;
        this.partners = partners;
        this.widgetSettings = widgetSettings;
    }

    @Override
    public Uni<Optional<CredentialData>> fetch(String publicKey, String secretKeyHash) {
        if ((publicKey == null) == (secretKeyHash == null)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tx.read(() -> find(publicKey, secretKeyHash).chain(this::credentialOf));
    }

    private Uni<ApiKey> find(String publicKey, String secretKeyHash) {
        return publicKey != null ? keys.byPublicKey(publicKey) : keys.bySecretKeyHash(secretKeyHash);
    }

    private Uni<Optional<CredentialData>> credentialOf(ApiKey key) {
        if (key == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        // Version 0: any state published on the topic is at least as new and replaces this one, so a lookup can
        // never hide a change still on its way (a revocation, say).
        return partners.byId(key.partnerId)
                .chain(p -> widgetSettings
                        .of(key.partnerId, key.environment)
                        .map(w -> Optional.of(CredentialPublisher.toCredential(key, p, w, 0L))));
    }
}
