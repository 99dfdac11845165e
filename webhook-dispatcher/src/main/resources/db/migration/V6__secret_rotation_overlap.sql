-- Secret rotation keeps the replaced secret valid for an overlap (sir.webhooks.secret-rotation-overlap, 24 h):
-- until previous_secret_expires_at every attempt is signed with both secrets, so a partner can switch its receivers
-- over without dropping deliveries (docs/partner-api.md "Secret rotation"). Only one previous secret is ever kept: a
-- second rotation replaces it by the secret that rotation replaced. Sealed like secret_sealed (AES-GCM under the
-- platform key); never shown in any response.
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_sealed TEXT;
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_expires_at TIMESTAMPTZ;
ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_previous_secret_expires
    CHECK ((previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL));
