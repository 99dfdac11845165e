package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;

/** What a signed-in user sees of their partner, and their production request. */
@ApplicationScoped
public class PartnerService {
    private final UnitOfWork tx;
    private final KeyService keys;
    private final Clock clock;

    public PartnerService(UnitOfWork tx, KeyService keys, Clock clock) {
        this.tx = tx;
        this.keys = keys;
        this.clock = clock;
    }

    @WithSession
    public Uni<Partner> partnerOf(String subject) {
        return Partner.findByOwner(subject)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Partner (create a key first)"));
    }

    @WithSession
    public Uni<Partner> byId(String partnerId) {
        return Partner.<Partner>findById(partnerId).onItem().ifNull().failWith(() -> ApiException.notFound("Partner"));
    }

    /** The user's partner (or null) and its newest active publishable key. */
    @WithSession
    public Uni<Me> me(String subject) {
        return Partner.findByOwner(subject)
                .chain(p -> p == null
                        ? Uni.createFrom().item(new Me(null, null))
                        : ApiKey.<ApiKey>find(
                                        "partnerId = ?1 and revokedAt is null and active = true order by createdAt desc",
                                        p.id)
                                .firstResult()
                                .map(k -> new Me(p, k == null ? null : k.publicKey)));
    }

    public record Me(Partner partner, String activePublishableKey) {}

    /** Files the production request; one may be pending at a time. */
    public Uni<ProductionRequest> requestProduction(String subject, String displayName, ProductionRequest draft) {
        return tx.write(() -> keys.partnerOf(subject, displayName)
                .chain(partner -> ProductionRequest.count(
                                "partnerId = ?1 and status = ?2", partner.id, ProductionRequest.PENDING)
                        .chain(pending -> {
                            if (pending > 0) {
                                throw new ApiException(ErrorCode.CONFLICT, "A production request is already pending");
                            }
                            draft.id = "preq_" + Crypto.randomHex(12);
                            draft.partnerId = partner.id;
                            draft.status = ProductionRequest.PENDING;
                            draft.createdAt = clock.instant();
                            return draft.<ProductionRequest>persist();
                        })));
    }

    @WithSession
    public Uni<List<ProductionRequest>> requestsOf(String subject) {
        return partnerOf(subject)
                .chain(p -> ProductionRequest.<ProductionRequest>find("partnerId = ?1 order by createdAt desc", p.id)
                        .list());
    }
}
