-- Retention (service/DeliveryRetention) deletes deliveries that ended (SUCCEEDED, FAILED, EXHAUSTED) more than
-- sir.retention.deliveries.days ago, oldest first in small batches, with their attempts (ON DELETE CASCADE): this index
-- finds them without reading the table. Open deliveries (PENDING, SENDING) are not in it and never deleted.
-- A plain build blocks the table's writes while it runs; on a large table, build it by hand with CREATE INDEX
-- CONCURRENTLY under this name before upgrading, and this migration does nothing (docs/operations.md "Retention").
CREATE INDEX IF NOT EXISTS webhook_deliveries_ended ON webhook_deliveries (updated_at)
    WHERE state IN ('SUCCEEDED', 'FAILED', 'EXHAUSTED');
