package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.PartnerUser;

/** Every query of {@code users}: a partner's end users, known by the partner's own id for them. */
@ApplicationScoped
public class UserStore {

    /**
     * Inserts {@code user} unless the partner already has one with its {@code externalId}; true when inserted.
     * Concurrent creators race on the (partner, environment, externalId) unique constraint; exactly one wins.
     */
    public Uni<Boolean> insertIfAbsent(PartnerUser user) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO users (id, partner_id, environment, external_id, email, "
                                + "first_name, last_name, metadata, created_at, updated_at) "
                                + "VALUES (:id, :partner, :env, :ext, :email, :first, :last, :meta, :created, :updated) "
                                + "ON CONFLICT ON CONSTRAINT users_external DO NOTHING")
                        .setParameter("id", user.id)
                        .setParameter("partner", user.partnerId)
                        .setParameter("env", user.environment)
                        .setParameter("ext", user.externalId)
                        .setParameter("email", user.email)
                        .setParameter("first", user.firstName)
                        .setParameter("last", user.lastName)
                        .setParameter("meta", user.metadata)
                        .setParameter("created", user.createdAt)
                        .setParameter("updated", user.updatedAt)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /**
     * Inserts a user a partner creates; a user with the same {@code externalId} (constraint {@code users_external}) or
     * the same idempotency key ({@code users_idempotency}) fails it with a unique violation.
     */
    public Uni<PartnerUser> insert(PartnerUser user) {
        return user.persistAndFlush().replaceWith(user);
    }

    /** The user the partner created under {@code idempotencyKey}, or null. */
    public Uni<PartnerUser> findByKey(String partnerId, Environment env, String idempotencyKey) {
        return PartnerUser.<PartnerUser>find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        env.wireName(),
                        idempotencyKey)
                .firstResult();
    }

    /** The partner's user with this {@code externalId} (their partnerUserId), or null. */
    public Uni<PartnerUser> findByExternal(String partnerId, Environment env, String externalId) {
        return PartnerUser.<PartnerUser>find(
                        "partnerId = ?1 and environment = ?2 and externalId = ?3",
                        partnerId,
                        env.wireName(),
                        externalId)
                .firstResult();
    }

    /** One page (0-based {@code pageIndex}) of the partner's users, newest first. */
    public Uni<List<PartnerUser>> page(String partnerId, Environment env, int pageIndex, int size) {
        return ofPartner(partnerId, env).page(pageIndex, size).list();
    }

    /** How many users the partner has. */
    public Uni<Long> count(String partnerId, Environment env) {
        return ofPartner(partnerId, env).count();
    }

    private static PanacheQuery<PartnerUser> ofPartner(String partnerId, Environment env) {
        return PartnerUser.find(
                "partnerId = ?1 and environment = ?2 order by createdAt desc, id", partnerId, env.wireName());
    }

    /** The partner's users among {@code externalIds}, by externalId (absent: no such user), in one query. */
    public Uni<Map<String, PartnerUser>> findByExternalIds(String partnerId, Environment env, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return PartnerUser.<PartnerUser>find(
                        "partnerId = ?1 and environment = ?2 and externalId in ?3", partnerId, env.wireName(), ids)
                .list()
                .map(users -> users.stream().collect(Collectors.toMap(u -> u.externalId, u -> u)));
    }
}
