package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ApiKeyExpiring;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.outbox.Outbox;

/**
 * Key-expiry notices (contract section 2): once per expiry date, an {@code apiKey.expiring} event on the lifecycle
 * topic, which webhook-dispatcher delivers to the partner (and which SIR Giving's mailer may turn into an email to
 * the contact address). Rows are claimed with SKIP LOCKED, so replicas never notify twice.
 */
@ApplicationScoped
public class ExpiryNotices {
    private final UnitOfWork tx;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration notice;

    public ExpiryNotices(
            UnitOfWork tx,
            Outbox outbox,
            Clock clock,
            @ConfigProperty(name = "sir.keys.expiry-notice", defaultValue = "P7D") Duration notice) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.notice = notice;
    }

    @Scheduled(
            every = "${sir.keys.expiry-notice-interval:1m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return notifyDue().replaceWithVoid();
    }

    /** Sends the notices now due; returns how many. */
    public Uni<Integer> notifyDue() {
        Instant now = clock.instant();
        return tx.write(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT * FROM api_keys WHERE expires_at IS NOT NULL AND expires_at > :now AND expires_at <= :horizon "
                                        + "AND expiry_notified_at IS NULL AND revoked_at IS NULL LIMIT 100 FOR UPDATE SKIP LOCKED",
                                ApiKey.class)
                        .setParameter("now", now)
                        .setParameter("horizon", now.plus(notice))
                        .getResultList())
                .chain(keys -> notifyAll(keys, now)));
    }

    private Uni<Integer> notifyAll(List<ApiKey> keys, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApiKey k : keys) {
            chain = chain.chain(() -> Partner.<Partner>findById(k.partnerId).chain(p -> {
                k.expiryNotifiedAt = now;
                return outbox.enqueue(
                        Topics.REWARD_LIFECYCLE,
                        p.id,
                        EventEnvelope.of(
                                EventTypes.API_KEY_EXPIRING,
                                p.id,
                                Environment.fromWire(k.environment),
                                null,
                                new ApiKeyExpiring(
                                        k.id, k.name, k.environment, k.publicKey, k.expiresAt, p.contactEmail)));
            }));
        }
        return chain.replaceWith(keys.size());
    }
}
