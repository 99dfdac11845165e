-- Reversals, and the users' side of vesting and expiry.

-- What a reversal needs to answer with the action's own outcome, and when/why it was reversed.
ALTER TABLE rewards ADD COLUMN action_type      TEXT;
ALTER TABLE rewards ADD COLUMN idempotency_key  TEXT;
ALTER TABLE rewards ADD COLUMN reversed_at      TIMESTAMPTZ;
ALTER TABLE rewards ADD COLUMN reversal_reason  TEXT;
CREATE INDEX rewards_partner_created ON rewards (partner_id, environment, created_at);

-- A REVERSAL or EXPIRY transaction points at the REWARD transaction it takes tokens back from.
ALTER TABLE transactions ADD COLUMN related_transaction_id TEXT REFERENCES transactions (id);
-- REWARD only: tokens are pending until vested_at is stamped (at vests_at, by the maintenance job), and
-- an EXPIRY transaction takes them back at expires_at (expired_at stamped on the REWARD).
ALTER TABLE transactions ADD COLUMN vests_at    TIMESTAMPTZ;
ALTER TABLE transactions ADD COLUMN vested_at   TIMESTAMPTZ;
ALTER TABLE transactions ADD COLUMN expires_at  TIMESTAMPTZ;
ALTER TABLE transactions ADD COLUMN expired_at  TIMESTAMPTZ;
-- Rewards granted before vesting existed were available at once.
UPDATE transactions SET vests_at = created_at, vested_at = created_at WHERE type = 'REWARD';

CREATE INDEX transactions_to_vest ON transactions (vests_at) WHERE type = 'REWARD' AND vested_at IS NULL;
CREATE INDEX transactions_to_expire ON transactions (expires_at)
    WHERE type = 'REWARD' AND status = 'COMPLETED' AND expired_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX transactions_partner_created ON transactions (partner_id, environment, created_at);
