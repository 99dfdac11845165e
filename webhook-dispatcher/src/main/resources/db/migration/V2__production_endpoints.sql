-- Production endpoints set up by an approved production request (docs/partner-api.md sections 2 and 6).

-- Whether the partner has seen the signing secret: true for endpoints the partner created (the create answer showed
-- it) and after a rotation; false for an endpoint SIR Giving created, until the partner reveals it (once).
ALTER TABLE webhook_endpoints ADD COLUMN secret_revealed BOOLEAN NOT NULL DEFAULT TRUE;
-- The production request (preq_…) whose approval created the endpoint; one endpoint per approval, however often the
-- approval is delivered.
ALTER TABLE webhook_endpoints ADD COLUMN production_request_id TEXT;
CREATE UNIQUE INDEX webhook_endpoints_one_per_approval ON webhook_endpoints (production_request_id)
    WHERE production_request_id IS NOT NULL;
