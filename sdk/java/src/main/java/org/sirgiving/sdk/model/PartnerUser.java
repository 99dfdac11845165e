package org.sirgiving.sdk.model;

import java.time.Instant;
import java.util.Map;

/** A partner's user, known by the partner's own id ({@code externalId}: the actions' {@code partnerUserId}). */
public record PartnerUser(
        String id,
        String externalId,
        String email,
        String firstName,
        String lastName,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {}
