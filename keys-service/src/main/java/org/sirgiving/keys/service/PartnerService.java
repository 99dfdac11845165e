package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.RequestStatus;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.PartnerStore;

/** What a signed-in user sees of their partner, and their production request. */
@ApplicationScoped
public class PartnerService {
    private final UnitOfWork tx;
    private final PartnerStore partners;
    private final ApiKeyStore keys;
    private final KeyService keyService;

    public PartnerService(UnitOfWork tx, PartnerStore partners, ApiKeyStore keys, KeyService keyService) {
        this.tx = tx;
        this.partners = partners;
        this.keys = keys;
        this.keyService = keyService;
    }

    public Uni<Partner> byId(String partnerId) {
        return tx.read(() -> partners.byId(partnerId))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Partner"));
    }

    /** The user's partner with its newest production request (null: none filed); 404 without a partner. */
    public Uni<Info> infoOf(String subject) {
        return tx.read(() ->
                ownedBy(subject).chain(p -> partners.newestRequestOf(p.id).map(r -> new Info(p, r))));
    }

    public record Info(Partner partner, ProductionRequest newestRequest) {}

    /** The user's partner (or null), its newest production request and its newest active publishable key. */
    public Uni<Me> me(String subject) {
        return tx.read(() -> partners.byOwner(subject).chain(p -> {
            if (p == null) {
                return Uni.createFrom().item(new Me(null, null, null));
            }
            return partners.newestRequestOf(p.id)
                    .chain(r -> keys.newestActiveOf(p.id).map(k -> new Me(p, r, k == null ? null : k.publicKey)));
        }));
    }

    public record Me(Partner partner, ProductionRequest newestRequest, String activePublishableKey) {}

    /** Files the production request; one may be pending at a time, and none while the partner is suspended. */
    public Uni<ProductionRequest> requestProduction(String subject, String displayName, RequestProduction command) {
        return tx.write(() -> keyService
                .partnerOf(subject, displayName)
                .chain(partner -> partners.hasPendingRequest(partner.id).chain(pending -> {
                    if (partner.isSuspended()) {
                        throw new ApiException(ErrorCode.PARTNER_SUSPENDED, "This partner is suspended");
                    }
                    if (pending) {
                        throw new ApiException(ErrorCode.CONFLICT, "A production request is already pending");
                    }
                    return partners.insert(pendingRequest(partner, command));
                })));
    }

    private ProductionRequest pendingRequest(Partner partner, RequestProduction command) {
        ProductionRequest r = new ProductionRequest();
        r.id = "preq_" + Crypto.randomHex(12);
        r.partnerId = partner.id;
        r.status = RequestStatus.PENDING;
        r.legalEntityName = command.legalEntityName();
        r.contactEmail = command.contactEmail();
        r.useCase = command.useCase();
        r.expectedMonthlyVolume = command.expectedMonthlyVolume();
        r.actionTypes = String.join(
                ",", command.actionTypes().stream().map(ActionType::name).toList());
        r.stakeholderModel = command.stakeholderModel();
        r.webhookUrl = command.webhookUrl();
        r.createdAt = tx.now();
        return r;
    }

    /** The user's production requests, newest first. */
    public Uni<List<ProductionRequest>> requestsOf(String subject) {
        return tx.read(() -> ownedBy(subject).chain(p -> partners.requestsOf(p.id)));
    }

    private Uni<Partner> ownedBy(String subject) {
        return partners.byOwner(subject)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Partner (create a key first)"));
    }
}
