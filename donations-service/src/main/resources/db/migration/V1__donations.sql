-- donations-service: the nonprofit directory and its audit trail, donation links, their charges (each one a DONATION
-- action to be rewarded once), and the providers' notifications as received.

CREATE TABLE organizations (
    id            TEXT PRIMARY KEY,                        -- org_…
    slug          TEXT        NOT NULL UNIQUE,             -- lower-case, [a-z0-9-]
    name          TEXT        NOT NULL,
    logo_url      TEXT,
    ein           TEXT,                                    -- US Employer Identification Number, NN-NNNNNNN
    status        TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    description   TEXT,
    website       TEXT,
    providers     TEXT        NOT NULL DEFAULT 'stripe,every.org',   -- comma-separated wire names
    currencies    TEXT        NOT NULL DEFAULT 'USD',                -- comma-separated ISO 4217 codes
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
-- The picker's search: by name or slug, case-insensitive prefix and substring.
CREATE INDEX organizations_name ON organizations (lower(name));

-- Operators' decisions on the directory (create, update, deactivate), with who and why, like keys-service's.
CREATE TABLE organization_decisions (
    id                TEXT PRIMARY KEY,                    -- dec_…
    organization_id   TEXT        NOT NULL REFERENCES organizations (id),
    operator_subject  TEXT        NOT NULL,
    decision          TEXT        NOT NULL CHECK (decision IN ('CREATE', 'UPDATE', 'DEACTIVATE')),
    reason            TEXT,
    details           TEXT,                                -- JSON: the fields set
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX organization_decisions_org ON organization_decisions (organization_id, created_at DESC);

-- A donation link and its donation. CREATED -> PENDING (checkout opened) -> COMPLETED | FAILED | CANCELLED | EXPIRED.
CREATE TABLE donations (
    id                  TEXT PRIMARY KEY,                  -- don_… (the partnerDonationId)
    partner_id          TEXT        NOT NULL,
    environment         TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    organization_id     TEXT        NOT NULL REFERENCES organizations (id),
    nonprofit_slug      TEXT        NOT NULL,
    amount_minor        BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency            TEXT        NOT NULL,
    frequency           TEXT        NOT NULL CHECK (frequency IN ('once', 'monthly')),
    tip_minor           BIGINT      NOT NULL DEFAULT 0 CHECK (tip_minor >= 0),
    -- What the partner asked for (stripe, every.org) and who runs the checkout (sandbox for every pk_test_ link).
    provider            TEXT        NOT NULL,
    checkout_provider   TEXT        NOT NULL CHECK (checkout_provider IN ('sandbox', 'stripe', 'every.org')),
    provider_reference  TEXT,                              -- the provider's id of the checkout (Stripe's session)
    checkout_token      TEXT        NOT NULL UNIQUE,       -- the unguessable part of the sandbox checkout URL
    donation_link       TEXT,
    status              TEXT        NOT NULL
        CHECK (status IN ('CREATED', 'PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED')),
    donor_email         TEXT        NOT NULL,
    first_name          TEXT        NOT NULL,
    last_name           TEXT        NOT NULL,
    partner_user_id     TEXT        NOT NULL,
    referral_code       TEXT,
    -- Optional Idempotency-Key of the create-link request and the SHA-256 of its body (contract section 3).
    idempotency_key     TEXT,
    request_hash        TEXT        NOT NULL,
    correlation_id      TEXT,
    expires_at          TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT donations_idempotency UNIQUE (partner_id, environment, idempotency_key)
);
CREATE INDEX donations_owner ON donations (partner_id, environment, created_at DESC);
CREATE INDEX donations_provider_reference ON donations (checkout_provider, provider_reference);

-- One row per charge (a one-time donation has one; a monthly one a charge a month). The unique (provider,
-- provider_charge_id) is what makes a repeated confirmation a no-op; action_id is the DONATION action rewarding it.
CREATE TABLE donation_charges (
    id                  TEXT PRIMARY KEY,                  -- chg_…
    donation_id         TEXT        NOT NULL REFERENCES donations (id),
    charge_number       INTEGER     NOT NULL CHECK (charge_number >= 1),
    status              TEXT        NOT NULL CHECK (status IN ('COMPLETED', 'FAILED')),
    amount_minor        BIGINT      NOT NULL,              -- without the tip
    tip_minor           BIGINT      NOT NULL DEFAULT 0,
    currency            TEXT        NOT NULL,
    provider            TEXT        NOT NULL,
    provider_charge_id  TEXT        NOT NULL,
    charged_at          TIMESTAMPTZ NOT NULL,
    failure_reason      TEXT,
    -- The reward (null action for a failed charge): PENDING until its outcome arrives on sir.reward-lifecycle.v1.
    action_id           TEXT UNIQUE,
    reward_status       TEXT CHECK (reward_status IN ('PENDING', 'COMPLETED', 'FAILED')),
    tokens_distributed  BIGINT      NOT NULL DEFAULT 0,
    transaction_ids     TEXT        NOT NULL DEFAULT '[]', -- JSON array
    reward_failure_code TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT donation_charges_number UNIQUE (donation_id, charge_number),
    CONSTRAINT donation_charges_once UNIQUE (provider, provider_charge_id)
);

-- Every notification as received (sandbox buttons, Stripe and every.org webhooks) and what it did: the trail an
-- operator reads when a donor asks; duplicates are kept and marked.
CREATE TABLE provider_notifications (
    id                  TEXT PRIMARY KEY,                  -- ntf_…
    provider            TEXT        NOT NULL,
    donation_id         TEXT        NOT NULL,
    kind                TEXT        NOT NULL,
    provider_charge_id  TEXT,
    amount_minor        BIGINT,
    currency            TEXT,
    occurred_at         TIMESTAMPTZ,
    effect              TEXT        NOT NULL CHECK (effect IN ('APPLIED', 'DUPLICATE', 'IGNORED')),
    received_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX provider_notifications_donation ON provider_notifications (donation_id, received_at);
