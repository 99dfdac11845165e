-- Reversal requests: at most one per action; repeating the request returns the same result.
ALTER TABLE actions ADD COLUMN reversal_requested_at TIMESTAMPTZ;
ALTER TABLE actions ADD COLUMN reversal_reason TEXT;
ALTER TABLE actions ADD COLUMN reversal_idempotency_key TEXT;
