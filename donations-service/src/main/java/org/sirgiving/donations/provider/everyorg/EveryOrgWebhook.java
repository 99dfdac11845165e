package org.sirgiving.donations.provider.everyorg;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * every.org's partner webhook (docs.every.org, "Partner Webhook"): one JSON POST per completed donation made through a
 * link carrying our {@code webhook_token}, with {@code chargeId} (unique per donation, so per charge of a monthly one),
 * {@code partnerDonationId}, {@code amount} (a decimal string in currency units), {@code currency} and
 * {@code donationDate}. every.org documents no signature, no retries and no failure events. So the request proves its
 * origin by the secret in the address we registered with every.org ({@link #authentic}), and only success is mapped.
 */
public final class EveryOrgWebhook {
    private EveryOrgWebhook() {}

    /** The {@code secret} query parameter of the registered address, compared in constant time. */
    public static boolean authentic(String presented, String configuredSecret) {
        return presented != null && Crypto.constantTimeEquals(configuredSecret, presented);
    }

    /** The charge this notification reports, or nothing when it does not name one of our donations. */
    public static Optional<ProviderNotification> toNotification(JsonNode body, Instant receivedAt) {
        Optional<String> chargeId = text(body, "chargeId");
        Optional<String> donation = text(body, "partnerDonationId");
        Optional<String> currency = text(body, "currency").map(c -> c.toUpperCase(Locale.ROOT));
        Optional<String> amount = text(body, "amount");
        if (chargeId.isEmpty() || donation.isEmpty() || currency.isEmpty() || amount.isEmpty()) {
            return Optional.empty();
        }
        long minor;
        try {
            minor = new BigDecimal(amount.get())
                    .movePointRight(Currency.getInstance(currency.get()).getDefaultFractionDigits())
                    .longValueExact();
        } catch (ArithmeticException | IllegalArgumentException notAnAmount) {
            return Optional.empty();
        }
        Instant at =
                text(body, "donationDate").flatMap(EveryOrgWebhook::instant).orElse(receivedAt);
        return Optional.of(new ProviderNotification(
                Provider.EVERY_ORG,
                donation.get(),
                chargeId.get(),
                NotificationKind.CHARGE_SUCCEEDED,
                chargeId.get(),
                minor,
                currency.get(),
                at));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
