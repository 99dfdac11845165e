package org.sirgiving.sdk.model;

/** One stakeholder of an action: who is rewarded, by the partner's own user id. */
public record Stakeholder(
        String stakeholderTypeCode, String partnerUserId, String userEmail, String userFirstName, String userLastName) {

    /** A stakeholder known by type and the partner's user id only. */
    public static Stakeholder of(String stakeholderTypeCode, String partnerUserId) {
        return new Stakeholder(stakeholderTypeCode, partnerUserId, null, null, null);
    }
}
