package org.sirgiving.partnerauth.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.CredentialData;

/** Feeds the cache from {@code sir.credentials.v1}. Each replica uses its own consumer group, so each sees every key. */
@ApplicationScoped
public class CredentialsConsumer {
    private final CredentialCache cache;

    public CredentialsConsumer(CredentialCache cache) {
        this.cache = cache;
    }

    @Incoming("credentials-in")
    public void onRecord(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (EventTypes.CREDENTIAL_UPDATED.equals(event.type())) {
            cache.apply(event.dataAs(CredentialData.class));
        }
    }
}
