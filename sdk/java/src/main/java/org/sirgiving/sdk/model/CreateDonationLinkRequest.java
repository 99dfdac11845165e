package org.sirgiving.sdk.model;

/**
 * {@code POST /v1/partner/donations/create-link}: a donation for the donor to complete at the checkout. Required:
 * {@code nonprofitSlug} (an ACTIVE organization's), {@code amount} (minor units, 100 to 10000000, without the tip),
 * {@code currency} (one the organization and provider take), {@code frequency}, {@code provider}, {@code donorEmail},
 * {@code firstName}, {@code lastName}. Optional: a tip ({@code tipAmount} in minor units or {@code tipPercent} 0 to
 * 100, never both; refused while the partner's {@code tipConfig} disables tips), {@code referralCode},
 * {@code partnerUserId} (the donor's id at the partner, rewarded under it; default the lower-cased e-mail) and
 * {@code returnUrl} (the partner's page the donor goes back to: on an origin the key may be used from). The server
 * checks every rule and answers 400 {@code VALIDATION_FAILED} naming the field; the SDK does not duplicate them.
 */
public record CreateDonationLinkRequest(
        String nonprofitSlug,
        Long amount,
        String currency,
        DonationFrequency frequency,
        DonationProvider provider,
        String donorEmail,
        String firstName,
        String lastName,
        Long tipAmount,
        Integer tipPercent,
        String referralCode,
        String partnerUserId,
        String returnUrl) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String nonprofitSlug;
        private Long amount;
        private String currency;
        private DonationFrequency frequency = DonationFrequency.ONCE;
        private DonationProvider provider;
        private String donorEmail;
        private String firstName;
        private String lastName;
        private Long tipAmount;
        private Integer tipPercent;
        private String referralCode;
        private String partnerUserId;
        private String returnUrl;

        private Builder() {}

        public Builder nonprofitSlug(String nonprofitSlug) {
            this.nonprofitSlug = nonprofitSlug;
            return this;
        }

        /** In minor units (cents): 2500 is 25.00. */
        public Builder amount(long amountMinorUnits) {
            this.amount = amountMinorUnits;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** {@link DonationFrequency#ONCE} unless set. */
        public Builder frequency(DonationFrequency frequency) {
            this.frequency = frequency;
            return this;
        }

        public Builder provider(DonationProvider provider) {
            this.provider = provider;
            return this;
        }

        public Builder donor(String email, String firstName, String lastName) {
            this.donorEmail = email;
            this.firstName = firstName;
            this.lastName = lastName;
            return this;
        }

        /** A tip on top of the amount, in minor units (not with {@link #tipPercent}). */
        public Builder tipAmount(long tipAmountMinorUnits) {
            this.tipAmount = tipAmountMinorUnits;
            return this;
        }

        /** A tip as a percentage of the amount, 0 to 100 (not with {@link #tipAmount}). */
        public Builder tipPercent(int tipPercent) {
            this.tipPercent = tipPercent;
            return this;
        }

        public Builder referralCode(String referralCode) {
            this.referralCode = referralCode;
            return this;
        }

        public Builder partnerUserId(String partnerUserId) {
            this.partnerUserId = partnerUserId;
            return this;
        }

        public Builder returnUrl(String returnUrl) {
            this.returnUrl = returnUrl;
            return this;
        }

        public CreateDonationLinkRequest build() {
            return new CreateDonationLinkRequest(
                    nonprofitSlug,
                    amount,
                    currency,
                    frequency,
                    provider,
                    donorEmail,
                    firstName,
                    lastName,
                    tipAmount,
                    tipPercent,
                    referralCode,
                    partnerUserId,
                    returnUrl);
        }
    }
}
