-- keys-service: partners, their API keys, production requests and the operators' audit trail.

CREATE TABLE partners (
    id                   TEXT PRIMARY KEY,                 -- ptn_…
    owner_subject        TEXT        NOT NULL UNIQUE,      -- the JWT subject of the user who created it
    name                 TEXT        NOT NULL,
    slug                 TEXT        NOT NULL UNIQUE,
    status               TEXT        NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED')),
    tier                 TEXT        NOT NULL CHECK (tier IN ('STANDARD', 'PROFESSIONAL', 'ENTERPRISE')),
    rate_limit           INTEGER     NOT NULL CHECK (rate_limit > 0),
    enabled_features     TEXT        NOT NULL DEFAULT 'ACTIONS,DONATIONS',
    contact_email        TEXT,
    ip_allowlist         TEXT        NOT NULL DEFAULT '',
    production_approved  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
    id                   TEXT PRIMARY KEY,                 -- key_…
    partner_id           TEXT        NOT NULL REFERENCES partners (id),
    name                 TEXT        NOT NULL,
    environment          TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    key_type             TEXT        NOT NULL,
    public_key           TEXT        NOT NULL UNIQUE,
    secret_key_hash      TEXT        NOT NULL UNIQUE,      -- SHA-256 of the secret key; the key itself is never stored
    hmac_secret_sealed   TEXT        NOT NULL,             -- AES-GCM under a platform key: "<keyId>:<base64>"
    is_active            BOOLEAN     NOT NULL DEFAULT TRUE,
    expires_at           TIMESTAMPTZ,
    revoked_at           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_keys_partner ON api_keys (partner_id, created_at);

-- Orders every published credential state, so that a verifier never replaces newer state with older.
CREATE SEQUENCE credential_version_seq;
