package org.sirgiving.donations.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;

/**
 * What a verified Stripe event means for a donation, or nothing when it is not about one of ours.
 *
 * <ul>
 *   <li>{@code checkout.session.completed}: with {@code payment_status=paid} the first charge succeeded; with
 *       {@code unpaid} the donor chose a delayed method (bank debit) and the outcome follows as
 *       {@code checkout.session.async_payment_succeeded} or {@code _failed}, so the donation is only PENDING.
 *   <li>{@code checkout.session.expired}: the donor never paid.
 *   <li>{@code invoice.paid} / {@code invoice.payment_failed}: a monthly donation's later charges. The first invoice
 *       of a subscription ({@code billing_reason=subscription_create}) is the charge the session already reported, so
 *       it is skipped.
 * </ul>
 *
 * <p>The charge id is what makes a notification idempotent (DonationService.apply dedupes on it): a one-off gift's
 * payment intent, a subscription's first invoice (from the session) or a renewal's invoice. The same charge reported
 * twice, by a retried delivery or by two events, is therefore one charge.
 *
 * <p>Invoices name the subscription's metadata at {@code parent.subscription_details.metadata} since API version
 * 2025-03-31 and at {@code subscription_details.metadata} before; the payload's shape is the webhook endpoint's API
 * version, not ours, so both are read.
 */
public final class StripeEvents {
    private StripeEvents() {}

    public static Optional<ProviderNotification> toNotification(JsonNode event) {
        String type = event.path("type").asText("");
        JsonNode object = event.path("data").path("object");
        Instant occurredAt = Instant.ofEpochSecond(event.path("created").asLong(0));
        return switch (type) {
            case "checkout.session.completed" ->
                switch (object.path("payment_status").asText("")) {
                    case "paid" -> session(object, NotificationKind.CHARGE_SUCCEEDED, occurredAt);
                    case "unpaid" -> session(object, NotificationKind.CHECKOUT_OPENED, occurredAt);
                    default -> Optional.empty();
                };
            case "checkout.session.async_payment_succeeded" ->
                session(object, NotificationKind.CHARGE_SUCCEEDED, occurredAt);
            case "checkout.session.async_payment_failed" -> session(object, NotificationKind.CHARGE_FAILED, occurredAt);
            case "checkout.session.expired" -> session(object, NotificationKind.CHECKOUT_EXPIRED, occurredAt);
            case "invoice.paid" -> invoice(object, NotificationKind.CHARGE_SUCCEEDED, occurredAt);
            case "invoice.payment_failed" -> invoice(object, NotificationKind.CHARGE_FAILED, occurredAt);
            default -> Optional.empty();
        };
    }

    private static Optional<ProviderNotification> session(JsonNode session, NotificationKind kind, Instant at) {
        String donation = text(session, "client_reference_id")
                .or(() -> text(session.path("metadata"), "partnerDonationId"))
                .orElse(null);
        String sessionId = text(session, "id").orElse(null);
        if (donation == null || sessionId == null) {
            return Optional.empty();
        }
        String chargeId = session.path("mode").asText("").equals("subscription")
                ? idOf(session.path("invoice")).orElse(sessionId)
                : idOf(session.path("payment_intent")).orElse(sessionId);
        return Optional.of(new ProviderNotification(
                Provider.STRIPE,
                donation,
                sessionId,
                kind,
                chargeId,
                withoutTip(session.path("amount_total").asLong(0), session.path("metadata")),
                currency(session),
                at));
    }

    private static Optional<ProviderNotification> invoice(JsonNode invoice, NotificationKind kind, Instant at) {
        if (invoice.path("billing_reason").asText("").equals("subscription_create")) {
            return Optional.empty();
        }
        JsonNode metadata = invoice.path("parent").path("subscription_details").path("metadata");
        if (metadata.isMissingNode() || metadata.isNull()) {
            metadata = invoice.path("subscription_details").path("metadata");
        }
        Optional<String> donation = text(metadata, "partnerDonationId");
        Optional<String> invoiceId = text(invoice, "id");
        if (donation.isEmpty() || invoiceId.isEmpty()) {
            return Optional.empty();
        }
        long amount = withoutTip(
                kind == NotificationKind.CHARGE_SUCCEEDED
                        ? invoice.path("amount_paid").asLong(0)
                        : invoice.path("amount_due").asLong(0),
                metadata);
        String subscription = idOf(invoice.path("parent")
                        .path("subscription_details")
                        .path("subscription"))
                .or(() -> idOf(invoice.path("subscription")))
                .orElse(invoiceId.get());
        // Stripe retries a failed renewal on the same invoice, which may then be paid. DonationService.apply dedupes
        // on the charge id whatever the outcome, so each failed attempt gets its own id and the invoice id stays free
        // for the payment: a late success is never taken for a duplicate of a failure.
        String chargeId = kind == NotificationKind.CHARGE_SUCCEEDED
                ? invoiceId.get()
                : invoiceId.get() + ":attempt-" + invoice.path("attempt_count").asInt(1);
        return Optional.of(new ProviderNotification(
                Provider.STRIPE, donation.get(), subscription, kind, chargeId, amount, currency(invoice), at));
    }

    /**
     * Stripe charges donation and tip together; ProviderNotification carries the donation alone. The tip per charge
     * travels in the metadata StripeCheckoutForm set ({@code tipMinor}).
     */
    private static long withoutTip(long charged, JsonNode metadata) {
        JsonNode tip = metadata.path("tipMinor");
        long tipMinor = 0;
        if (tip.isTextual()) {
            try {
                tipMinor = Long.parseLong(tip.asText());
            } catch (NumberFormatException notANumber) {
                tipMinor = 0;
            }
        }
        return tipMinor > 0 && tipMinor <= charged ? charged - tipMinor : charged;
    }

    private static String currency(JsonNode object) {
        return object.path("currency").asText("").toUpperCase(Locale.ROOT);
    }

    /** An id field that is either the id string or, when expanded, the object carrying it. */
    private static Optional<String> idOf(JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            return Optional.of(node.asText());
        }
        return node.isObject() ? text(node, "id") : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
