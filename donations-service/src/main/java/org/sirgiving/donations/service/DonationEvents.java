package org.sirgiving.donations.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.DonationOutcome;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.outbox.Outbox;

/**
 * What a charge announces, written to the outbox in the charge's own transaction: a completed charge is a DONATION
 * action for the donor on {@code sir.actions.v1} (rewards-service rewards it like any action, by the partner's rules
 * and campaigns) and {@code donation.completed} on {@code sir.reward-lifecycle.v1}; a failed one {@code
 * donation.failed}. Event ids derive from the charge, so announcing it again would be the same event.
 */
@ApplicationScoped
public class DonationEvents {
    static final int ATTEMPT = 1;
    private final Outbox outbox;

    public DonationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code act_} + the first 24 hex digits of SHA-256("donation:" + partnerDonationId + ":" + chargeNumber). */
    public static String actionId(String partnerDonationId, int chargeNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("donation:" + partnerDonationId + ":" + chargeNumber).getBytes(StandardCharsets.UTF_8));
            return "act_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static String idempotencyKey(String partnerDonationId, int chargeNumber) {
        return "donation_" + partnerDonationId + "_" + chargeNumber;
    }

    public Uni<Void> completed(Donation d, DonationCharge c, Instant now) {
        return outbox.enqueue(Topics.ACTIONS, d.partnerId, actionSubmitted(d, c, now))
                .chain(() -> outbox.enqueue(
                        Topics.REWARD_LIFECYCLE,
                        d.partnerId,
                        outcome(d, c, EventTypes.DONATION_COMPLETED, "COMPLETED", null)));
    }

    public Uni<Void> failed(Donation d, DonationCharge c) {
        return outbox.enqueue(
                Topics.REWARD_LIFECYCLE,
                d.partnerId,
                outcome(d, c, EventTypes.DONATION_FAILED, "FAILED", c.failureReason));
    }

    private static EventEnvelope actionSubmitted(Donation d, DonationCharge c, Instant now) {
        ObjectNode metadata = EventJson.MAPPER.createObjectNode();
        metadata.put("partnerDonationId", d.id);
        metadata.put("nonprofitSlug", d.nonprofitSlug);
        metadata.put("chargeNumber", c.chargeNumber);
        metadata.put("provider", c.provider);
        ActionSubmitted data = new ActionSubmitted(
                c.actionId,
                idempotencyKey(d.id, c.chargeNumber),
                ActionType.DONATION,
                BigDecimal.valueOf(c.amountMinor, 2),
                c.currency,
                List.of(new Stakeholder("DONOR", d.partnerUserId, d.donorEmail, d.firstName, d.lastName)),
                true,
                metadata,
                now,
                ATTEMPT);
        return EventEnvelope.decided(
                c.actionId + "|" + ATTEMPT, EventTypes.ACTION_SUBMITTED, d.partnerId, d.env(), d.correlationId, data);
    }

    private static EventEnvelope outcome(Donation d, DonationCharge c, String type, String status, String reason) {
        DonationOutcome data = new DonationOutcome(
                d.id,
                status,
                d.nonprofitSlug,
                d.organizationId,
                c.amountMinor,
                c.currency,
                d.frequency,
                c.tipMinor,
                c.provider,
                c.chargeNumber,
                c.providerChargeId,
                c.actionId,
                reason);
        return EventEnvelope.decided(
                "donation:" + d.id + ":" + c.chargeNumber, type, d.partnerId, d.env(), d.correlationId, data);
    }
}
