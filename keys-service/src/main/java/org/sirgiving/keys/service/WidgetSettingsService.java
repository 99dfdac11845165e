package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.WidgetSettings;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.keys.repository.WidgetSettingsStore;

/**
 * The widget settings per (partner, environment): read by the widget ({@code GET /v1/partner/config}), changed by the
 * partner's backend ({@code PATCH}), and announced with every key of that environment on {@code sir.credentials.v1}
 * so that each service's credential cache applies them (origins: libs/partner-auth WidgetCors; tips: donations).
 */
@ApplicationScoped
public class WidgetSettingsService {
    private final UnitOfWork tx;
    private final PartnerStore partners;
    private final WidgetSettingsStore settings;
    private final CredentialPublisher credentials;

    public WidgetSettingsService(
            UnitOfWork tx, PartnerStore partners, WidgetSettingsStore settings, CredentialPublisher credentials) {
        this.tx = tx;
        this.partners = partners;
        this.settings = settings;
        this.credentials = credentials;
    }

    public record Widget(Partner partner, WidgetSettings settings) {}

    public Uni<Widget> of(String partnerId, Environment environment) {
        return tx.read(() -> partners.byId(partnerId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Partner"))
                .chain(p -> settings.of(partnerId, environment).map(s -> new Widget(p, s))));
    }

    /**
     * Applies the change under the partner's lock (changes to one partner, its keys included, are decided one after
     * the other, so the credential versions follow the order of the changes) and republishes the environment's keys.
     */
    public Uni<Widget> update(
            String partnerId, Environment environment, WidgetSettingsChange change, String correlationId) {
        return tx.write(() -> partners.byIdForUpdate(partnerId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Partner"))
                .chain(p -> settings.of(partnerId, environment).chain(s -> {
                    if (change.tipEnabled() != null) {
                        s.tipEnabled = change.tipEnabled();
                    }
                    if (change.tipDefaultPercent() != null) {
                        s.tipDefaultPercent = change.tipDefaultPercent();
                    }
                    if (change.allowedOrigins() != null) {
                        s.allowOnly(change.allowedOrigins());
                    }
                    s.updatedAt = tx.now();
                    return settings.save(s)
                            .chain(saved -> credentials.publishAll(p, saved, correlationId))
                            .replaceWith(() -> new Widget(p, s));
                })));
    }
}
