package org.sirgiving.keys.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ApiKeyExpiring;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.outbox.Outbox;

/**
 * Key-expiry notices (docs/partner-api.md section 2): once per expiry date, an {@code apiKey.expiring} event on the
 * lifecycle topic, which webhook-dispatcher delivers to the partner (and which SIR Giving's mailer may turn into an
 * email to the contact address). Keys are claimed with SKIP LOCKED, so replicas never notify twice.
 */
@ApplicationScoped
public class ExpiryNotices {
    /** Keys announced per transaction; the next run takes the rest. */
    private static final int BATCH = 100;

    private final UnitOfWork tx;
    private final ApiKeyStore keys;
    private final PartnerStore partners;
    private final Outbox outbox;
    private final Duration notice;

    public ExpiryNotices(
            UnitOfWork tx,
            ApiKeyStore keys,
            PartnerStore partners,
            Outbox outbox,
            @ConfigProperty(name = "sir.keys.expiry-notice") Duration notice) {
        this.tx = tx;
        this.keys = keys;
        this.partners = partners;
        this.outbox = outbox;
        this.notice = notice;
    }

    @Scheduled(
            every = "${sir.keys.expiry-notice-interval}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return notifyDue().replaceWithVoid();
    }

    /** Sends the notices now due; returns how many. */
    public Uni<Integer> notifyDue() {
        Instant now = tx.now();
        return tx.write(() -> keys.claimExpiring(now, now.plus(notice), BATCH)
                .call(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(k -> announce(k, now))
                        .onItem()
                        .ignoreAsUni())
                .map(List::size));
    }

    private Uni<Void> announce(ApiKey key, Instant now) {
        return partners.byId(key.partnerId).chain(p -> {
            key.expiryNotifiedAt = now;
            return outbox.enqueue(Topics.REWARD_LIFECYCLE, p.id, expiring(key, p));
        });
    }

    private static EventEnvelope expiring(ApiKey key, Partner partner) {
        ApiKeyExpiring data = new ApiKeyExpiring(
                key.id, key.name, key.environment.wireName(), key.publicKey, key.expiresAt, partner.contactEmail);
        return EventEnvelope.of(EventTypes.API_KEY_EXPIRING, partner.id, key.environment, null, data);
    }
}
