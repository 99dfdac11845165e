-- POST /v1/partner/users under an Idempotency-Key follows the one rule for every create (docs/partner-api.md
-- section 3): the key and the request's fingerprint are kept with the user they made.
ALTER TABLE users ADD COLUMN idempotency_key TEXT;
ALTER TABLE users ADD COLUMN request_hash    TEXT;

CREATE UNIQUE INDEX users_idempotency ON users (partner_id, environment, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
