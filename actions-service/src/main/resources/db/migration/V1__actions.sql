-- actions-service: the action row is also the idempotency record.
CREATE TABLE actions (
    id                  TEXT PRIMARY KEY,                -- act_…
    partner_id          TEXT          NOT NULL,
    environment         TEXT          NOT NULL CHECK (environment IN ('sandbox', 'production')),
    idempotency_key     TEXT          NOT NULL,
    request_hash        TEXT          NOT NULL,          -- SHA-256 of the canonical request JSON
    action_type         TEXT          NOT NULL,
    amount              NUMERIC(15,2) NOT NULL CHECK (amount >= 0),
    currency            TEXT          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    request             TEXT          NOT NULL,          -- the accepted request, as JSON
    status              TEXT          NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED', 'REVERSED')),
    tokens_distributed  BIGINT        NOT NULL DEFAULT 0,
    transaction_ids     TEXT          NOT NULL DEFAULT '[]',
    failure_code        TEXT,
    failure_message     TEXT,
    attempt             INTEGER       NOT NULL DEFAULT 1,
    correlation_id      TEXT,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    CONSTRAINT actions_idempotency UNIQUE (partner_id, environment, idempotency_key)
);
CREATE INDEX actions_listing ON actions (partner_id, environment, created_at DESC, id DESC);
