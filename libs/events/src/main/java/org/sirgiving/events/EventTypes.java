package org.sirgiving.events;

/** Event type names. Lifecycle names are the ones partners see on webhooks (docs/partner-api.md section 6). */
public final class EventTypes {
    // sir.credentials.v1
    public static final String CREDENTIAL_UPDATED = "credential.updated";

    // sir.actions.v1
    public static final String ACTION_SUBMITTED = "action.submitted";
    public static final String ACTION_REVERSAL_REQUESTED = "action.reversal_requested";

    // sir.partners.v1 (internal)
    public static final String PARTNER_PRODUCTION_APPROVED = "partner.production_approved";

    // sir.reward-lifecycle.v1
    public static final String ACTION_COMPLETED = "action.completed";
    public static final String ACTION_FAILED = "action.failed";
    public static final String ACTION_REVERSED = "action.reversed";
    public static final String TRANSACTION_COMPLETED = "transaction.completed";
    public static final String TOKEN_POOL_LOW_BALANCE = "token_pool.low_balance";
    public static final String TOKEN_POOL_DEPLETED = "token_pool.depleted";
    public static final String CAMPAIGN_STARTED = "campaign.started";
    public static final String CAMPAIGN_ENDED = "campaign.ended";
    public static final String API_KEY_EXPIRING = "apiKey.expiring";
    // donations-service: a donation's charge succeeded (it is rewarded as a DONATION action) or failed.
    public static final String DONATION_COMPLETED = "donation.completed";
    public static final String DONATION_FAILED = "donation.failed";

    private EventTypes() {}
}
