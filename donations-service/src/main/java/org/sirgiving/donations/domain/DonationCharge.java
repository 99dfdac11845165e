package org.sirgiving.donations.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.EventJson;

/**
 * One charge of a donation and the reward of its DONATION action. Unique per (provider, providerChargeId): a
 * provider's repeated confirmation finds it and changes nothing.
 */
@Entity
@Table(name = "donation_charges")
public class DonationCharge extends PanacheEntityBase {
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    @Id
    public String id;

    @Column(name = "donation_id", nullable = false)
    public String donationId;

    @Column(name = "charge_number", nullable = false)
    public int chargeNumber;

    /** COMPLETED or FAILED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(name = "tip_minor", nullable = false)
    public long tipMinor;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String provider;

    @Column(name = "provider_charge_id", nullable = false)
    public String providerChargeId;

    @Column(name = "charged_at", nullable = false)
    public Instant chargedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "action_id")
    public String actionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reward_status")
    public RewardStatus rewardStatus;

    @Column(name = "tokens_distributed", nullable = false)
    public long tokensDistributed;

    /** JSON array of transaction ids. */
    @Column(name = "transaction_ids", nullable = false)
    public String transactionIds;

    @Column(name = "reward_failure_code")
    public String rewardFailureCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> transactionIdList() {
        try {
            return EventJson.MAPPER.readValue(transactionIds, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transaction_ids is not a JSON array", e);
        }
    }

    public static String transactionIdsJson(List<String> ids) {
        return EventJson.write(ids == null ? List.of() : ids);
    }
}
