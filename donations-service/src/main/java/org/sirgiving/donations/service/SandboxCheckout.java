package org.sirgiving.donations.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationStatus;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.donations.repository.DonationStore;
import org.sirgiving.donations.repository.OrganizationStore;
import org.sirgiving.kernel.persistence.UnitOfWork;

/**
 * The hosted sandbox checkout's buttons, as the notifications a provider would send: they go through
 * {@link DonationService#apply} like a Stripe or every.org webhook. Sandbox charge ids are derived from the donation
 * and the charge's number, so a double click (or a retried form post) confirms one charge, not two.
 */
@ApplicationScoped
public class SandboxCheckout {
    private final UnitOfWork work;
    private final DonationStore donations;
    private final OrganizationStore organizations;
    private final DonationService service;

    public SandboxCheckout(
            UnitOfWork work, DonationStore donations, OrganizationStore organizations, DonationService service) {
        this.work = work;
        this.donations = donations;
        this.organizations = organizations;
        this.service = service;
    }

    /** The button a donor pressed. */
    public enum Button {
        COMPLETE,
        FAIL,
        CANCEL,
        NEXT_CHARGE
    }

    /**
     * The page of a sandbox token (null: no sandbox donation has it). Opening it moves CREATED to PENDING; an open
     * link past its expiry becomes EXPIRED.
     */
    public Uni<CheckoutPage> open(String token) {
        return find(token).chain(d -> {
            if (d == null) {
                return Uni.createFrom().nullItem();
            }
            NotificationKind kind = d.statusAt(work.now()) == DonationStatus.EXPIRED && d.status.open()
                    ? NotificationKind.CHECKOUT_EXPIRED
                    : d.status == DonationStatus.CREATED ? NotificationKind.CHECKOUT_OPENED : null;
            Uni<?> step = kind == null ? Uni.createFrom().voidItem() : service.apply(notification(d, kind, null));
            return step.chain(() -> page(token));
        });
    }

    /** Applies a button; false when the token names no sandbox donation. */
    public Uni<Boolean> press(String token, Button button) {
        return page(token).chain(p -> {
            if (p == null) {
                return Uni.createFrom().item(false);
            }
            Donation d = p.state().donation();
            int next = p.state().charges().size() + 1;
            ProviderNotification n = null;
            boolean open = d.statusAt(work.now()).open();
            switch (button) {
                case COMPLETE -> n = open ? notification(d, NotificationKind.CHARGE_SUCCEEDED, chargeId(d, 1)) : null;
                case FAIL -> n = open ? notification(d, NotificationKind.CHARGE_FAILED, chargeId(d, 1)) : null;
                case CANCEL -> n = open ? notification(d, NotificationKind.CHECKOUT_CANCELLED, null) : null;
                case NEXT_CHARGE ->
                    n = d.status == DonationStatus.COMPLETED && d.freq() == Frequency.MONTHLY
                            ? notification(d, NotificationKind.CHARGE_SUCCEEDED, chargeId(d, next))
                            : null;
            }
            return n == null ? Uni.createFrom().item(true) : service.apply(n).replaceWith(true);
        });
    }

    private Uni<CheckoutPage> page(String token) {
        return work.read(() -> find(token)
                .chain(d -> d == null
                        ? Uni.createFrom().nullItem()
                        : donations
                                .charges(d.id)
                                .chain(charges -> organizations
                                        .findById(d.organizationId)
                                        .map(org -> new CheckoutPage(new DonationState(d, charges), org)))));
    }

    private Uni<Donation> find(String token) {
        return work.read(() -> donations.findByToken(token))
                .map(d -> d != null && Provider.SANDBOX.wireName().equals(d.checkoutProvider) ? d : null);
    }

    private static String chargeId(Donation d, int number) {
        return "sbx_ch_" + d.id.substring("don_".length()) + "_" + number;
    }

    private ProviderNotification notification(Donation d, NotificationKind kind, String chargeId) {
        return new ProviderNotification(
                Provider.SANDBOX, d.id, d.checkoutToken, kind, chargeId, d.amountMinor, d.currency, work.now());
    }
}
