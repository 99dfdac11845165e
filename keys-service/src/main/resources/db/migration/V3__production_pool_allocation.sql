-- The production pool's first allocation, given by the operator who approved the request (docs/partner-api.md
-- section 2); announced on sir.partners.v1 with the approval, from which rewards-service creates the pool.
ALTER TABLE production_requests ADD COLUMN production_pool_allocation BIGINT CHECK (production_pool_allocation > 0);
