package org.sirgiving.rewards.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.DynamicUpdate;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventJson;

/**
 * A partner's reward rule for some action types (docs/partner-api.md section 5). {@code tokensSpent} only grows through the
 * guarded UPDATE of {@code service/CampaignBudget}; the lists are JSON in TEXT columns (read whole, never queried).
 */
@Entity
// Only changed columns are written: an edit of other fields never overwrites a balance the guarded UPDATEs moved.
@DynamicUpdate
@Table(name = "campaigns")
public class Campaign extends PanacheEntityBase {
    @Schema(name = "CampaignStatus")
    public enum Status {
        DRAFT,
        ACTIVE,
        PAUSED,
        ENDED
    }

    /** What a new campaign may start as. */
    @Schema(
            name = "CampaignInitialStatus",
            description = "A new campaign is DRAFT unless it asks to be ACTIVE at once.")
    public enum InitialStatus {
        DRAFT,
        ACTIVE;

        public Status status() {
            return Status.valueOf(name());
        }
    }

    /** Stored as JSON by EventJson: registered for native reflection. */
    @RegisterForReflection
    @Schema(
            name = "CampaignSplit",
            requiredProperties = {"stakeholderTypeCode", "percent"})
    public record Split(String stakeholderTypeCode, BigDecimal percent) {}

    @RegisterForReflection
    @Schema(
            name = "CampaignTier",
            requiredProperties = {"minAmount", "multiplier"})
    public record Tier(BigDecimal minAmount, BigDecimal multiplier) {}

    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "action_types", nullable = false)
    public String actionTypesJson;

    @Column(nullable = false, precision = 12, scale = 4)
    public BigDecimal multiplier;

    @Column(name = "splits")
    public String splitsJson;

    @Column(name = "tiers")
    public String tiersJson;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public Long budget;

    @Column(name = "tokens_spent", nullable = false)
    public long tokensSpent;

    @Column(nullable = false)
    public int priority;

    @Column(name = "started_event_at")
    public Instant startedEventAt;

    @Column(name = "ended_event_at")
    public Instant endedEventAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<ActionType> actionTypes() {
        return readList(actionTypesJson, new TypeReference<>() {});
    }

    /** Stored once each, in the order given. */
    public void actionTypes(List<ActionType> types) {
        actionTypesJson = EventJson.write(types.stream().distinct().toList());
    }

    public List<Split> splits() {
        return splitsJson == null ? List.of() : readList(splitsJson, new TypeReference<>() {});
    }

    public void splits(List<Split> splits) {
        splitsJson = splits == null || splits.isEmpty() ? null : EventJson.write(splits);
    }

    public List<Tier> tiers() {
        return tiersJson == null ? List.of() : readList(tiersJson, new TypeReference<>() {});
    }

    public void tiers(List<Tier> tiers) {
        tiersJson = tiers == null || tiers.isEmpty() ? null : EventJson.write(tiers);
    }

    /** DRAFT → ACTIVE ⇄ PAUSED, anything → ENDED; ENDED is final. Staying put is allowed. */
    public static boolean canMove(Status from, Status to) {
        if (from == to) {
            return from != Status.ENDED;
        }
        return switch (to) {
            case ACTIVE -> from == Status.DRAFT || from == Status.PAUSED;
            case PAUSED -> from == Status.ACTIVE;
            case ENDED -> true;
            case DRAFT -> false;
        };
    }

    /** Within its schedule at {@code now}: started (or no start) and not yet ended (or no end). */
    public boolean inSchedule(Instant now) {
        return (startsAt == null || !startsAt.isAfter(now)) && (endsAt == null || now.isBefore(endsAt));
    }

    /** Tokens it may still give; {@link Long#MAX_VALUE} without a budget. */
    public long remainingBudget() {
        return budget == null ? Long.MAX_VALUE : budget - tokensSpent;
    }

    private static <T> List<T> readList(String json, TypeReference<List<T>> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt campaign column", e);
        }
    }
}
