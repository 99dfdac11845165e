-- webhook-dispatcher: partners' endpoints, one delivery per (endpoint, event), and every attempt made.

CREATE TABLE webhook_endpoints (
    id                  TEXT PRIMARY KEY,                -- whk_…
    partner_id          TEXT        NOT NULL,
    environment         TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    url                 TEXT        NOT NULL,
    description         TEXT,
    event_types         TEXT        NOT NULL DEFAULT '[]',   -- JSON array of event type names
    receive_all_events  BOOLEAN     NOT NULL DEFAULT FALSE,
    headers             TEXT        NOT NULL DEFAULT '{}',   -- JSON object: extra headers sent on every attempt
    -- The signing secret must be recoverable to sign, so it is sealed (AES-GCM under the platform key), not hashed.
    secret_sealed       TEXT        NOT NULL,
    is_active           BOOLEAN     NOT NULL DEFAULT TRUE,
    disabled_reason     TEXT,
    disabled_at         TIMESTAMPTZ,
    -- Health: the first failure since the last success (cleared by a success); drives the 5-day disable rule.
    first_failure_at    TIMESTAMPTZ,
    last_success_at     TIMESTAMPTZ,
    -- Optional Idempotency-Key of the create request and the SHA-256 of its body (contract section 3).
    idempotency_key     TEXT,
    request_hash        TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT webhook_endpoints_idempotency UNIQUE (partner_id, environment, idempotency_key)
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (partner_id, environment, created_at);

-- One row per (endpoint, event): the unique constraint is what makes a redelivered Kafka record a no-op.
-- State machine: PENDING -> SENDING (leased) -> SUCCEEDED | PENDING (retry) | EXHAUSTED | FAILED (endpoint disabled).
CREATE TABLE webhook_deliveries (
    id                  TEXT PRIMARY KEY,                -- dlv_…
    endpoint_id         TEXT        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    partner_id          TEXT        NOT NULL,
    environment         TEXT        NOT NULL,
    event_id            TEXT        NOT NULL,
    event_type          TEXT        NOT NULL,
    -- The exact body, serialized once at enqueue time: every attempt signs and sends these bytes.
    payload             TEXT        NOT NULL,
    state               TEXT        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SUCCEEDED', 'FAILED', 'EXHAUSTED')),
    attempt_count       INTEGER     NOT NULL DEFAULT 0,  -- attempts finished in the current sequence
    -- PENDING: when the next attempt is due. SENDING: when the lease expires (a crashed sender's work is re-claimed).
    next_attempt_at     TIMESTAMPTZ,
    lease_id            TEXT,
    last_error          TEXT,
    delivered_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX webhook_deliveries_listing ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
    id                  TEXT PRIMARY KEY,                -- att_…
    delivery_id         TEXT        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt             INTEGER     NOT NULL,            -- the X-SIR-Delivery-Attempt sent
    status_code         INTEGER,                         -- null when no response arrived
    latency_ms          BIGINT      NOT NULL,
    response_excerpt    TEXT,                            -- at most 1 KiB of the response body
    error               TEXT,
    attempted_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);
