-- Campaigns: a partner's own reward rules (contract section 5).
CREATE TABLE campaigns (
    id                TEXT PRIMARY KEY,                      -- camp_…
    partner_id        TEXT        NOT NULL,
    environment       TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    name              TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED')),
    action_types      TEXT        NOT NULL,                  -- JSON array of action types
    multiplier        NUMERIC(12, 4) NOT NULL CHECK (multiplier > 0),
    splits            TEXT,                                  -- JSON [{stakeholderTypeCode, percent}], sum 100
    tiers             TEXT,                                  -- JSON [{minAmount, multiplier}]
    starts_at         TIMESTAMPTZ,
    ends_at           TIMESTAMPTZ,
    budget            BIGINT CHECK (budget > 0),             -- null: no cap
    -- Spent with a guarded UPDATE like the pool's balance; the CHECK is the last line of defence.
    tokens_spent      BIGINT      NOT NULL DEFAULT 0 CHECK (tokens_spent >= 0),
    priority          INTEGER     NOT NULL DEFAULT 0,
    -- When campaign.started / campaign.ended were written to the outbox: each is announced once.
    started_event_at  TIMESTAMPTZ,
    ended_event_at    TIMESTAMPTZ,
    idempotency_key   TEXT,
    request_hash      TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT campaigns_budget_covers_spent CHECK (budget IS NULL OR tokens_spent <= budget),
    CONSTRAINT campaigns_schedule_order CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);
CREATE INDEX campaigns_partner ON campaigns (partner_id, environment, status, priority DESC);
CREATE UNIQUE INDEX campaigns_idempotency ON campaigns (partner_id, environment, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
