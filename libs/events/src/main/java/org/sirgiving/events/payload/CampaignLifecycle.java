package org.sirgiving.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * data of {@code campaign.started} (an ACTIVE campaign entered its schedule) and {@code campaign.ended} (a started
 * campaign ended: its schedule ran out, or the partner ended it — {@code reason} SCHEDULE or PARTNER).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignLifecycle(
        String campaignId,
        String name,
        String status,
        List<String> actionTypes,
        Instant startsAt,
        Instant endsAt,
        Long budget,
        long tokensSpent,
        int priority,
        String reason) {

    public static final String REASON_SCHEDULE = "SCHEDULE";
    public static final String REASON_PARTNER = "PARTNER";
}
