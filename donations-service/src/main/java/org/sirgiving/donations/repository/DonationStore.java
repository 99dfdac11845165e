package org.sirgiving.donations.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.events.Environment;

/** Every query of {@code donations}, {@code donation_charges} and {@code provider_notifications}. */
@ApplicationScoped
public class DonationStore {

    /** The donation under a partner's Idempotency-Key, locked until the transaction ends (null: none yet). */
    public Uni<Donation> findByKeyForUpdate(String partnerId, Environment environment, String idempotencyKey) {
        return Donation.<Donation>find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        environment.wireName(),
                        idempotencyKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The donation if the partner owns it in this environment (null: unknown, or someone else's). */
    public Uni<Donation> findOwned(String id, String partnerId, Environment environment) {
        return Donation.<Donation>find(
                        "id = ?1 and partnerId = ?2 and environment = ?3", id, partnerId, environment.wireName())
                .firstResult();
    }

    /**
     * Locked: the notifications of one donation are applied one after the other, so two confirmations of one charge
     * arriving together make one charge.
     */
    public Uni<Donation> findForUpdate(String id) {
        return Donation.<Donation>find("id", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<Donation> findByToken(String token) {
        return Donation.<Donation>find("checkoutToken", token).firstResult();
    }

    public Uni<Donation> persist(Donation donation) {
        return donation.persist();
    }

    public Uni<List<DonationCharge>> charges(String donationId) {
        return DonationCharge.<DonationCharge>find("donationId = ?1 order by chargeNumber", donationId)
                .list();
    }

    public Uni<DonationCharge> findCharge(String provider, String providerChargeId) {
        return DonationCharge.<DonationCharge>find(
                        "provider = ?1 and providerChargeId = ?2", provider, providerChargeId)
                .firstResult();
    }

    public Uni<DonationCharge> findChargeByActionForUpdate(String actionId) {
        return DonationCharge.<DonationCharge>find("actionId", actionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<DonationCharge> persist(DonationCharge charge) {
        return charge.persist();
    }

    /** The notification as received and what it did (APPLIED, DUPLICATE, IGNORED). */
    public Uni<Void> recordNotification(String id, ProviderNotification n, String effect, Instant receivedAt) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO provider_notifications (id, provider, donation_id, kind,"
                                + " provider_charge_id, amount_minor, currency, occurred_at, effect, received_at)"
                                + " VALUES (:id, :provider, :donation, :kind, :charge, :amount, :currency, :occurred,"
                                + " :effect, :received)")
                        .setParameter("id", id)
                        .setParameter("provider", n.provider().wireName())
                        .setParameter("donation", n.partnerDonationId())
                        .setParameter("kind", n.kind().name())
                        .setParameter("charge", n.providerChargeId())
                        .setParameter("amount", n.amountMinor())
                        .setParameter("currency", n.currency())
                        .setParameter("occurred", n.occurredAt())
                        .setParameter("effect", effect)
                        .setParameter("received", receivedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
