package org.sirgiving.events.payload;

public record Stakeholder(
        String stakeholderTypeCode,
        String partnerUserId,
        String userEmail,
        String userFirstName,
        String userLastName) {}
