-- Retention (libs/outbox OutboxRetention) deletes published rows older than sir.retention.outbox.days, oldest first in
-- small batches: this index finds them without reading the table. Unpublished rows are not in it and never deleted.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
