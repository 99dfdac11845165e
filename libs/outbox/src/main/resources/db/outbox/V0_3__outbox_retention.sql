-- Retention (libs/outbox OutboxRetention) deletes published rows older than sir.retention.outbox.days, oldest first in
-- small batches: this index finds them without reading the table. Unpublished rows are not in it and never deleted.
-- A plain build blocks the outbox's writes while it runs (seconds per million rows); on a large outbox, build it by
-- hand with CREATE INDEX CONCURRENTLY under this name before upgrading, and this migration does nothing
-- (docs/operations.md "Retention").
CREATE INDEX IF NOT EXISTS outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
