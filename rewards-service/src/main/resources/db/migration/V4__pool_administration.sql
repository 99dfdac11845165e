-- Allocation requests, partners' production approval, and the failures the dashboard counts.

-- A partner asks for tokens; an operator approves (the amount becomes an ALLOCATION ledger entry) or rejects.
CREATE TABLE allocation_requests (
    id               TEXT PRIMARY KEY,                       -- areq_…
    partner_id       TEXT        NOT NULL,
    environment      TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    amount           BIGINT      NOT NULL CHECK (amount > 0),
    reason           TEXT,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by       TEXT,
    decided_at       TIMESTAMPTZ,
    decision_note    TEXT,
    idempotency_key  TEXT,
    request_hash     TEXT,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX allocation_requests_status ON allocation_requests (status, created_at);
CREATE INDEX allocation_requests_partner ON allocation_requests (partner_id, environment, created_at DESC);
CREATE UNIQUE INDEX allocation_requests_idempotency ON allocation_requests (partner_id, environment, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- What keys-service last said about a partner (fed by sir.credentials.v1): production pools need approval.
CREATE TABLE partner_approvals (
    partner_id           TEXT PRIMARY KEY,
    production_approved  BOOLEAN     NOT NULL,
    partner_status       TEXT,
    version              BIGINT      NOT NULL,                -- the credential record's version: newest wins
    updated_at           TIMESTAMPTZ NOT NULL
);

-- Actions this service refused (INSUFFICIENT_POOL, USER_NOT_FOUND) and that were not rewarded since.
CREATE TABLE failed_actions (
    action_id     TEXT PRIMARY KEY,
    partner_id    TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    failure_code  TEXT        NOT NULL,
    failed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX failed_actions_partner ON failed_actions (partner_id, environment, failed_at);
CREATE INDEX ledger_entries_created ON ledger_entries (pool_id, created_at);
