-- Widget settings per (partner, environment) (docs/partner-api.md section 7, PATCH /v1/partner/config): the tip the
-- widget offers and the browser origins its publishable key may be used from. They were per partner (V2's tip
-- columns, never settable): each partner's values are carried to both environments, then those columns go.
CREATE TABLE widget_settings (
    partner_id           TEXT        NOT NULL REFERENCES partners (id),
    environment          TEXT        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    tip_enabled          BOOLEAN     NOT NULL DEFAULT FALSE,
    tip_default_percent  INTEGER     NOT NULL DEFAULT 0 CHECK (tip_default_percent BETWEEN 0 AND 100),
    allowed_origins      TEXT        NOT NULL DEFAULT '',  -- comma-separated scheme://host[:port]; empty: none
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_id, environment)
);

INSERT INTO widget_settings (partner_id, environment, tip_enabled, tip_default_percent, updated_at)
SELECT p.id, e.environment, p.tip_enabled, p.tip_default_percent, p.updated_at
FROM partners p CROSS JOIN (VALUES ('sandbox'), ('production')) AS e (environment)
WHERE p.tip_enabled OR p.tip_default_percent <> 0;

ALTER TABLE partners DROP COLUMN tip_enabled;
ALTER TABLE partners DROP COLUMN tip_default_percent;
