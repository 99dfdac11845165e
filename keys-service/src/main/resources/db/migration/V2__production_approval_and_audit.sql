-- Production approval, the operators' audit trail, widget settings and key-expiry notices.

ALTER TABLE partners ADD COLUMN webhook_url TEXT;
ALTER TABLE partners ADD COLUMN tip_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE partners ADD COLUMN tip_default_percent INTEGER NOT NULL DEFAULT 0 CHECK (tip_default_percent BETWEEN 0 AND 100);
ALTER TABLE api_keys ADD COLUMN expiry_notified_at TIMESTAMPTZ;

CREATE TABLE production_requests (
    id                       TEXT PRIMARY KEY,             -- preq_…
    partner_id               TEXT        NOT NULL REFERENCES partners (id),
    status                   TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    legal_entity_name        TEXT        NOT NULL,
    contact_email            TEXT        NOT NULL,
    use_case                 TEXT        NOT NULL,
    expected_monthly_volume  BIGINT      NOT NULL CHECK (expected_monthly_volume >= 0),
    action_types             TEXT        NOT NULL,         -- comma-separated
    stakeholder_model        TEXT        NOT NULL,
    webhook_url              TEXT,
    decided_by               TEXT,
    decided_at               TIMESTAMPTZ,
    decision_reason          TEXT,
    created_at               TIMESTAMPTZ NOT NULL
);
-- At most one pending request per partner.
CREATE UNIQUE INDEX production_requests_one_pending ON production_requests (partner_id) WHERE status = 'PENDING';

-- Every operator decision: who, when, what, why. Append-only.
CREATE TABLE operator_decisions (
    id                TEXT PRIMARY KEY,                    -- dec_…
    partner_id        TEXT        NOT NULL REFERENCES partners (id),
    request_id        TEXT,
    operator_subject  TEXT        NOT NULL,
    decision          TEXT        NOT NULL,                -- APPROVE_PRODUCTION, REJECT_PRODUCTION, SUSPEND, REACTIVATE, UPDATE_SETTINGS
    reason            TEXT,
    details           TEXT,                                -- JSON
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX operator_decisions_partner ON operator_decisions (partner_id, created_at DESC);

-- Rate-limit budgets: requests granted per (partner, environment) and minute, across every service and replica.
CREATE TABLE rate_windows (
    partner_id    TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    granted       INTEGER     NOT NULL CHECK (granted >= 0),
    PRIMARY KEY (partner_id, environment, window_start)
);
