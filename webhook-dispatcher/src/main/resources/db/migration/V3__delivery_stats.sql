-- The dashboard's delivery figures (/internal/v1/delivery-stats) count one partner's deliveries by state.
CREATE INDEX webhook_deliveries_partner ON webhook_deliveries (partner_id, environment, state);
