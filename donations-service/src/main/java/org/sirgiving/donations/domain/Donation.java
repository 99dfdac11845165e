package org.sirgiving.donations.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.events.Environment;

/** A donation link and its donation (the partner's view). Queries are in {@code repository.DonationStore}. */
@Entity
@Table(name = "donations")
public class Donation extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    /** The wire name (sandbox, production), as the column's CHECK spells it. */
    @Column(nullable = false)
    public String environment;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "nonprofit_slug", nullable = false)
    public String nonprofitSlug;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(nullable = false)
    public String currency;

    /** Wire name: once, monthly. */
    @Column(nullable = false)
    public String frequency;

    @Column(name = "tip_minor", nullable = false)
    public long tipMinor;

    /** What the partner asked for: stripe, every.org. */
    @Column(nullable = false)
    public String provider;

    /** Who runs the checkout: sandbox for every sandbox link, else the provider asked for. */
    @Column(name = "checkout_provider", nullable = false)
    public String checkoutProvider;

    /** The partner's page the donor goes back to after the checkout; null: the platform's thank-you page. */
    @Column(name = "return_url")
    public String returnUrl;

    @Column(name = "provider_reference")
    public String providerReference;

    @Column(name = "checkout_token", nullable = false)
    public String checkoutToken;

    @Column(name = "donation_link")
    public String donationLink;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DonationStatus status;

    @Column(name = "donor_email", nullable = false)
    public String donorEmail;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "partner_user_id", nullable = false)
    public String partnerUserId;

    @Column(name = "referral_code")
    public String referralCode;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The status a reader sees at {@code now}: an open sandbox link past its expiry is EXPIRED even before anything
     * stored it (providers announce their own expiries).
     */
    public DonationStatus statusAt(Instant now) {
        if (status.open() && Provider.SANDBOX.wireName().equals(checkoutProvider) && now.isAfter(expiresAt)) {
            return DonationStatus.EXPIRED;
        }
        return status;
    }

    public Environment env() {
        return Environment.fromWire(environment);
    }

    public Frequency freq() {
        return Frequency.fromWire(frequency);
    }

    public Provider checkout() {
        return Provider.fromWire(checkoutProvider);
    }
}
