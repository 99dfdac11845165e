-- Replay protection (libs/partner-auth ReplayGuard, docs/partner-api.md section 3): the signatures of the signed
-- mutating requests this service accepted, each kept until its timestamp has left the signature window.
-- A repeatable migration with IF NOT EXISTS: it ships with the library into every service that lists db/replay in
-- quarkus.flyway.locations, whatever that service's own version numbers are (a versioned file here would collide with
-- them, or sort below versions a database already has).
CREATE TABLE IF NOT EXISTS used_signature (
    signature   TEXT        PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS used_signature_expiry ON used_signature (expires_at);
