package org.sirgiving.donations.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;
import org.sirgiving.donations.domain.DonationStatus;
import org.sirgiving.donations.domain.Organization;
import org.sirgiving.donations.domain.RewardStatus;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.donations.repository.DonationStore;
import org.sirgiving.donations.repository.OrganizationStore;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Donation links and their lifecycle. {@link #apply} is the one path every provider confirmation takes (sandbox
 * buttons, Stripe and every.org webhooks): a charge is recorded once per (provider, providerChargeId), and in the same
 * transaction its DONATION action and {@code donation.*} event go to the outbox, so a donation is rewarded exactly once
 * however often a provider confirms it.
 */
@ApplicationScoped
public class DonationService {
    private static final Logger LOG = Logger.getLogger(DonationService.class);

    private final UnitOfWork work;
    private final IdempotentCreates creates;
    private final DonationStore donations;
    private final OrganizationStore organizations;
    private final CheckoutProviders providers;
    private final DonationEvents events;
    private final PartnerTipConfig tips;
    private final DonationsConfig config;
    private final DonationMetrics metrics;

    public DonationService(
            UnitOfWork work,
            IdempotentCreates creates,
            DonationStore donations,
            OrganizationStore organizations,
            CheckoutProviders providers,
            DonationEvents events,
            PartnerTipConfig tips,
            DonationsConfig config,
            DonationMetrics metrics) {
        this.work = work;
        this.creates = creates;
        this.donations = donations;
        this.organizations = organizations;
        this.providers = providers;
        this.events = events;
        this.tips = tips;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Creates the donation and its checkout link (or replays the one made under the same Idempotency-Key). The
     * provider's checkout is made inside the transaction: if the provider fails, nothing is stored and the key stays
     * usable for the retry.
     */
    public Uni<IdempotentResult<Donation>> createLink(
            AuthenticatedPartner partner, CreateLink command, String requestId) {
        return creates.create(
                        command.idempotencyKey(),
                        command.fingerprint(),
                        IdempotentCreates.Create.replayable(
                                key -> donations.findByKeyForUpdate(partner.partnerId(), partner.environment(), key),
                                prior -> prior.requestHash,
                                () -> insert(partner, command, requestId)))
                .onFailure(ProviderUnavailable.class)
                .transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, e.getMessage())
                        .withHeader("Retry-After", "30"));
    }

    public Uni<DonationState> status(AuthenticatedPartner partner, String partnerDonationId) {
        return work.read(() -> donations
                .findOwned(partnerDonationId, partner.partnerId(), partner.environment())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Donation"))
                .chain(d -> donations.charges(d.id).map(c -> new DonationState(d, c))));
    }

    /** The donation behind a sandbox checkout token, with its charges (null: no such token). */
    public Uni<DonationState> byCheckoutToken(String token) {
        return work.read(() -> donations
                .findByToken(token)
                .chain(d -> d == null
                        ? Uni.createFrom().nullItem()
                        : donations.charges(d.id).map(c -> new DonationState(d, c))));
    }

    /**
     * Applies a provider's notification once. Unknown donation, or one whose checkout another provider runs (a
     * Stripe event naming a sandbox or every.org donation): 404, nothing changes; only the provider that took the
     * donor's money can confirm it. A charge already recorded
     * under (provider, providerChargeId): DUPLICATE, nothing changes. Two deliveries of one charge at once: the
     * donation row's lock orders them, and the unique charge index decides any that still race.
     */
    public Uni<ApplyEffect> apply(ProviderNotification n) {
        return work.write(() -> applyLocked(n))
                .onFailure(ConstraintViolations::isUniqueViolation)
                .recoverWithUni(e -> work.write(() -> applyLocked(n)))
                // Counted once committed (after the one retry): a rolled-back attempt changed nothing.
                .invoke(effect -> count(n, effect))
                // A 4xx decision (a donation not ours, a charge without its id) changed nothing either; other
                // failures (the database) are not decisions: the provider retries and that delivery is counted.
                .onFailure(ApiException.class)
                .invoke(() -> metrics.notification(n.provider(), DonationMetrics.NotificationOutcome.IGNORED));
    }

    private void count(ProviderNotification n, ApplyEffect effect) {
        boolean applied = effect == ApplyEffect.APPLIED;
        metrics.notification(
                n.provider(),
                applied ? DonationMetrics.NotificationOutcome.APPLIED : DonationMetrics.NotificationOutcome.IGNORED);
        boolean charge = n.kind() == NotificationKind.CHARGE_SUCCEEDED || n.kind() == NotificationKind.CHARGE_FAILED;
        if (applied && charge) {
            metrics.charge(n.provider(), n.kind() == NotificationKind.CHARGE_SUCCEEDED);
        }
    }

    /**
     * Stores the rewards of this service's DONATION actions on their charges, in one transaction; outcomes of other
     * actions, and of a charge already decided, change nothing.
     */
    public Uni<Void> storeRewards(List<ActionOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return work.write(() -> Multi.createFrom()
                        .iterable(outcomes)
                        .onItem()
                        .transformToUniAndConcatenate(this::storeReward)
                        .collect()
                        .asList())
                // Counted once the batch is committed: a batch retried after a rollback counts once.
                .invoke(stored -> stored.forEach(s -> s.ifPresent(c -> metrics.reward(c.provider, c.rewardStatus))))
                .replaceWithVoid();
    }

    /** The charge whose reward this outcome decided; empty when it changed nothing. */
    private Uni<Optional<DonationCharge>> storeReward(ActionOutcome o) {
        if (o.actionId() == null || o.status() == OutcomeStatus.REVERSED) {
            return Uni.createFrom().item(Optional.empty());
        }
        return donations.findChargeByActionForUpdate(o.actionId()).map(c -> {
            if (c == null || c.rewardStatus != RewardStatus.PENDING || o.attempt() != DonationEvents.ATTEMPT) {
                return Optional.<DonationCharge>empty();
            }
            c.rewardStatus = o.status() == OutcomeStatus.COMPLETED ? RewardStatus.COMPLETED : RewardStatus.FAILED;
            c.tokensDistributed = o.tokensDistributed();
            c.transactionIds = DonationCharge.transactionIdsJson(o.transactionIds());
            c.rewardFailureCode =
                    o.failureCode() == null ? null : o.failureCode().name();
            c.updatedAt = work.now();
            return Optional.of(c);
        });
    }

    private Uni<ApplyEffect> applyLocked(ProviderNotification n) {
        Instant now = work.now();
        return donations
                .findForUpdate(n.partnerDonationId())
                .map(d -> d != null && n.provider().wireName().equals(d.checkoutProvider) ? d : null)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Donation"))
                .chain(d -> decide(d, n, now))
                .call(effect -> donations.recordNotification(Ids.next("ntf_"), n, effect.name(), now))
                .invoke(effect -> LOG.infof(
                        "Provider notification %s %s for %s: %s",
                        n.provider().wireName(), n.kind(), n.partnerDonationId(), effect));
    }

    private Uni<ApplyEffect> decide(Donation d, ProviderNotification n, Instant now) {
        return switch (n.kind()) {
            case CHECKOUT_OPENED -> move(d, DonationStatus.CREATED, DonationStatus.PENDING, now);
            case CHECKOUT_CANCELLED -> close(d, DonationStatus.CANCELLED, now);
            case CHECKOUT_EXPIRED -> close(d, DonationStatus.EXPIRED, now);
            case CHARGE_SUCCEEDED, CHARGE_FAILED -> charge(d, n, now);
        };
    }

    private static Uni<ApplyEffect> move(Donation d, DonationStatus from, DonationStatus to, Instant now) {
        if (d.status != from) {
            return Uni.createFrom().item(ApplyEffect.IGNORED);
        }
        d.status = to;
        d.updatedAt = now;
        return Uni.createFrom().item(ApplyEffect.APPLIED);
    }

    /** A checkout that ends without a charge: only an open donation ends so. */
    private static Uni<ApplyEffect> close(Donation d, DonationStatus to, Instant now) {
        if (!d.status.open()) {
            return Uni.createFrom().item(ApplyEffect.IGNORED);
        }
        d.status = to;
        d.updatedAt = now;
        return Uni.createFrom().item(ApplyEffect.APPLIED);
    }

    /**
     * A new charge, numbered after the donation's others. Money taken completes the donation whatever its state
     * (the provider's word wins over a cancel or an expiry seen first); a failed first charge fails it, a failed later
     * charge of a monthly donation leaves it COMPLETED with the failure listed.
     */
    private Uni<ApplyEffect> charge(Donation d, ProviderNotification n, Instant now) {
        if (n.providerChargeId() == null || n.providerChargeId().isBlank()) {
            return Uni.createFrom()
                    .failure(ApiException.validation("providerChargeId", "a charge notification names its charge"));
        }
        return donations
                .findCharge(n.provider().wireName(), n.providerChargeId())
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(ApplyEffect.DUPLICATE);
                    }
                    return donations.charges(d.id).chain(charges -> {
                        boolean succeeded = n.kind() == NotificationKind.CHARGE_SUCCEEDED;
                        DonationCharge c = newCharge(d, n, charges.size() + 1, succeeded, now);
                        boolean first = charges.stream().noneMatch(x -> DonationCharge.COMPLETED.equals(x.status));
                        if (succeeded) {
                            d.status = DonationStatus.COMPLETED;
                        } else if (first) {
                            d.status = DonationStatus.FAILED;
                        }
                        d.updatedAt = now;
                        return donations
                                .persist(c)
                                .call(() -> succeeded ? events.completed(d, c, now) : events.failed(d, c))
                                .replaceWith(ApplyEffect.APPLIED);
                    });
                });
    }

    private static DonationCharge newCharge(
            Donation d, ProviderNotification n, int number, boolean succeeded, Instant now) {
        DonationCharge c = new DonationCharge();
        c.id = Ids.next("chg_");
        c.donationId = d.id;
        c.chargeNumber = number;
        c.status = succeeded ? DonationCharge.COMPLETED : DonationCharge.FAILED;
        c.amountMinor = n.amountMinor() > 0 ? n.amountMinor() : d.amountMinor;
        c.tipMinor = d.tipMinor;
        c.currency = n.currency() != null ? n.currency().toUpperCase(Locale.ROOT) : d.currency;
        c.provider = n.provider().wireName();
        c.providerChargeId = n.providerChargeId();
        c.chargedAt = n.occurredAt() != null ? n.occurredAt() : now;
        c.failureReason = succeeded ? null : "The provider declined the charge";
        if (succeeded) {
            c.actionId = DonationEvents.actionId(d.id, number);
            c.rewardStatus = RewardStatus.PENDING;
        }
        c.transactionIds = "[]";
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }

    private Uni<Donation> insert(AuthenticatedPartner partner, CreateLink command, String requestId) {
        return organizations.findBySlug(command.nonprofitSlug()).chain(org -> {
            checkAgainst(org, command);
            ReturnUrl.check(command.returnUrl(), partner);
            long tip = TipRules.tipMinor(
                    command.amountMinor(), command.tipAmount(), command.tipPercent(), tips.of(partner));
            Donation d = newDonation(partner, org, command, tip, requestId);
            Provider runner = CheckoutProviders.runnerOf(partner.environment(), command.provider());
            CheckoutRequest request = new CheckoutRequest(
                    d.id,
                    d.partnerId,
                    partner.environment(),
                    org.slug,
                    org.name,
                    org.ein,
                    d.amountMinor,
                    d.currency,
                    command.frequency(),
                    tip,
                    d.donorEmail,
                    d.firstName,
                    d.lastName,
                    d.returnUrl);
            d.checkoutProvider = runner.wireName();
            return Uni.createFrom()
                    .deferred(() -> providers.get(runner).createCheckout(request))
                    .onItemOrFailure()
                    .invoke((link, failure) ->
                            DonationMetrics.CheckoutResult.of(failure).ifPresent(r -> metrics.checkout(runner, r)))
                    .chain(link -> {
                        d.donationLink = link.url();
                        d.providerReference = link.providerReference();
                        if (runner == Provider.SANDBOX) {
                            // The sandbox's reference is the unguessable token of its checkout page.
                            d.checkoutToken = link.providerReference();
                        }
                        return donations.persist(d);
                    });
        });
    }

    /** The organization must exist, be active, and take the provider and currency asked for: 400 naming the field. */
    private static void checkAgainst(Organization org, CreateLink c) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (org == null) {
            throw ApiException.validation("nonprofitSlug", "no organization has this slug");
        }
        if (!org.active()) {
            throw ApiException.validation("nonprofitSlug", "this organization takes no donations now (INACTIVE)");
        }
        if (!org.providerList().contains(c.provider().wireName())) {
            errors.add(new ApiError.FieldError(
                    "provider", "this organization takes donations through " + String.join(", ", org.providerList())));
        }
        if (!org.currencyList().contains(c.currency())) {
            errors.add(new ApiError.FieldError(
                    "currency", "this organization takes " + String.join(", ", org.currencyList())));
        } else if (!ProviderCurrencies.supports(c.provider(), c.currency())) {
            errors.add(new ApiError.FieldError("currency", c.provider().wireName() + " does not take " + c.currency()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private Donation newDonation(
            AuthenticatedPartner partner, Organization org, CreateLink c, long tip, String requestId) {
        Instant now = work.now();
        Donation d = new Donation();
        d.id = Ids.next("don_");
        d.partnerId = partner.partnerId();
        d.environment = partner.environment().wireName();
        d.organizationId = org.id;
        d.nonprofitSlug = org.slug;
        d.amountMinor = c.amountMinor();
        d.currency = c.currency();
        d.frequency = c.frequency().wireName();
        d.tipMinor = tip;
        d.provider = c.provider().wireName();
        d.checkoutToken = Ids.token();
        d.status = DonationStatus.CREATED;
        d.donorEmail = c.donorEmail();
        d.firstName = c.firstName();
        d.lastName = c.lastName();
        d.partnerUserId =
                c.partnerUserId() != null ? c.partnerUserId() : c.donorEmail().toLowerCase(Locale.ROOT);
        d.referralCode = c.referralCode();
        d.returnUrl = c.returnUrl();
        d.idempotencyKey = c.idempotencyKey();
        d.requestHash = c.fingerprint();
        d.correlationId = requestId;
        d.expiresAt = now.plus(config.linkTtl());
        d.createdAt = now;
        d.updatedAt = now;
        return d;
    }
}
