-- rewards-service: token pools on an append-only ledger, users, rewards and their transactions.

CREATE TABLE token_pools (
    id                     TEXT PRIMARY KEY,                     -- pool_…
    partner_id             TEXT        NOT NULL,
    environment            TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    status                 TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    -- Available tokens. The CHECK is the last line of defence; rewards debit with a guarded UPDATE.
    balance                BIGINT      NOT NULL CHECK (balance >= 0),
    total_allocated        BIGINT      NOT NULL DEFAULT 0,
    total_distributed      BIGINT      NOT NULL DEFAULT 0,
    low_balance_threshold  BIGINT,
    auto_refill_enabled    BOOLEAN     NOT NULL DEFAULT FALSE,
    auto_refill_threshold  BIGINT,
    auto_refill_amount     BIGINT,
    vesting_days           INTEGER     NOT NULL DEFAULT 0,
    token_expiry_days      INTEGER,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT token_pools_one_per_environment UNIQUE (partner_id, environment)
);

-- Every change to a pool, appended, never updated: the balance equals the sum of amount.
CREATE TABLE ledger_entries (
    id             BIGSERIAL PRIMARY KEY,
    pool_id        TEXT        NOT NULL REFERENCES token_pools (id),
    entry_type     TEXT        NOT NULL CHECK (entry_type IN ('ALLOCATION', 'REWARD', 'REVERSAL', 'EXPIRY', 'REFILL')),
    amount         BIGINT      NOT NULL,                 -- signed: credits to the pool > 0, debits < 0
    balance_after  BIGINT      NOT NULL CHECK (balance_after >= 0),
    action_id      TEXT,
    reference      TEXT,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_entries_pool ON ledger_entries (pool_id, id);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,                     -- usr_…
    partner_id     TEXT        NOT NULL,
    environment    TEXT        NOT NULL,
    external_id    TEXT        NOT NULL,                 -- the partner's partnerUserId
    email          TEXT,
    first_name     TEXT,
    last_name      TEXT,
    metadata       TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_external UNIQUE (partner_id, environment, external_id)
);

-- One row per rewarded action: the primary key is what makes a second reward impossible.
CREATE TABLE rewards (
    action_id      TEXT PRIMARY KEY,
    partner_id     TEXT        NOT NULL,
    environment    TEXT        NOT NULL,
    pool_id        TEXT        NOT NULL REFERENCES token_pools (id),
    tokens         BIGINT      NOT NULL CHECK (tokens >= 0),
    status         TEXT        NOT NULL CHECK (status IN ('COMPLETED', 'REVERSED')),
    campaign_id    TEXT,
    created_at     TIMESTAMPTZ NOT NULL
);

-- The users' ledger: one row per stakeholder credited or debited. A user's balance is the sum of tokens.
CREATE TABLE transactions (
    id                     TEXT PRIMARY KEY,             -- txn_…
    partner_id             TEXT        NOT NULL,
    environment            TEXT        NOT NULL,
    user_id                TEXT        NOT NULL REFERENCES users (id),
    action_id              TEXT        NOT NULL,
    stakeholder_type_code  TEXT,
    type                   TEXT        NOT NULL CHECK (type IN ('REWARD', 'REVERSAL', 'EXPIRY')),
    status                 TEXT        NOT NULL CHECK (status IN ('COMPLETED', 'REVERSED')),
    tokens                 BIGINT      NOT NULL,         -- signed
    created_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX transactions_user ON transactions (user_id, created_at DESC);
CREATE INDEX transactions_action ON transactions (action_id);
