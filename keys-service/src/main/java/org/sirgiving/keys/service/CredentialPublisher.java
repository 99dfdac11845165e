package org.sirgiving.keys.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Feature;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.WidgetSettings;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.WidgetSettingsStore;
import org.sirgiving.outbox.Outbox;

/**
 * Announces a key's current state on the compacted credentials topic, through the outbox of the transaction
 * that changed it. Call it for every change to a key or to its partner.
 */
@ApplicationScoped
public class CredentialPublisher {
    private final Outbox outbox;
    private final ApiKeyStore keys;
    private final WidgetSettingsStore widgetSettings;

    public CredentialPublisher(Outbox outbox, ApiKeyStore keys, WidgetSettingsStore widgetSettings) {
        this.outbox = outbox;
        this.keys = keys;
        this.widgetSettings = widgetSettings;
    }

    /** The key with its partner and the widget settings of its (partner, environment), as stored now. */
    public Uni<Void> publish(ApiKey key, Partner partner, String correlationId) {
        return widgetSettings.of(partner.id, key.environment).chain(w -> publish(key, partner, w, correlationId));
    }

    private Uni<Void> publish(ApiKey key, Partner partner, WidgetSettings settings, String correlationId) {
        return keys.nextCredentialVersion().chain(version -> {
            CredentialData data = toCredential(key, partner, settings, version);
            EventEnvelope event =
                    EventEnvelope.of(EventTypes.CREDENTIAL_UPDATED, partner.id, key.environment, correlationId, data);
            return outbox.enqueue(Topics.CREDENTIALS, key.id, event);
        });
    }

    /** After a change to the partner: every key of it that still exists carries the new partner state. */
    public Uni<Void> publishAll(Partner partner, String correlationId) {
        // The widget settings of both environments are read once, not once per key: a partner with many keys is
        // republished by every operator decision, inside its request.
        return widgetSettings
                .of(partner.id, Environment.SANDBOX)
                .chain(sandbox -> widgetSettings
                        .of(partner.id, Environment.PRODUCTION)
                        .chain(production -> keys.liveKeysOf(partner.id)
                                .onItem()
                                .transformToMulti(list -> Multi.createFrom().iterable(list))
                                .onItem()
                                .transformToUniAndConcatenate(k -> publish(
                                        k,
                                        partner,
                                        k.environment == Environment.PRODUCTION ? production : sandbox,
                                        correlationId))
                                .onItem()
                                .ignoreAsUni()));
    }

    /** After a change to the widget settings of one environment: every key of it that still exists carries them. */
    public Uni<Void> publishAll(Partner partner, WidgetSettings settings, String correlationId) {
        Environment environment = Environment.fromWire(settings.environment);
        return keys.liveKeysOf(partner.id)
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list))
                .select()
                .where(k -> k.environment == environment)
                .onItem()
                .transformToUniAndConcatenate(k -> publish(k, partner, settings, correlationId))
                .onItem()
                .ignoreAsUni();
    }

    public static CredentialData toCredential(ApiKey key, Partner partner, WidgetSettings settings, long version) {
        return new CredentialData(
                key.id,
                partner.id,
                key.environment.wireName(),
                key.publicKey,
                key.secretKeyHash,
                key.hmacSecretSealed,
                key.active,
                key.revokedAt != null,
                key.expiresAt,
                partner.status.name(),
                partner.mayUseProduction(),
                partner.tier.name(),
                partner.rateLimit,
                partner.allowedIps(),
                Feature.names(partner.features()),
                settings.origins(),
                settings.tipEnabled,
                settings.tipDefaultPercent,
                version);
    }
}
