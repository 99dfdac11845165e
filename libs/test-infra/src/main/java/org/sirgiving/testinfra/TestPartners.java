package org.sirgiving.testinfra;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Feature;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.partnerauth.signing.SecretSealer;

/**
 * Plays keys-service for the tests of the other services: issues a key pair and publishes its credential record on
 * the real {@code sir.credentials.v1} topic, in the format keys-service publishes (sealed with the test platform key).
 */
public final class TestPartners {
    /** The %test platform key of libs/partner-auth. */
    private static final SecretSealer SEALER = new SecretSealer(new SecretSealer.PlatformKeys() {
        public String active() {
            return "dev1";
        }

        public Map<String, String> keys() {
            return Map.of("dev1", "ZGV2LW9ubHktcGxhdGZvcm0ta2V5LTMyLWJ5dGVzISE=");
        }
    });

    public record Partner(String partnerId, String keyId, SignedRequests.PartnerKeys keys, CredentialData credential) {}

    public static Partner sandbox() {
        return issue("ptn_" + Crypto.randomHex(12), Environment.SANDBOX, true, null, "ACTIVE", true, List.of());
    }

    /** A sandbox key pair whose credential record is not published yet: call {@link #publish} to issue it. */
    public static Partner sandboxNotYetPublished() {
        return build("ptn_" + Crypto.randomHex(12), Environment.SANDBOX, true, null, "ACTIVE", true, List.of());
    }

    public static Partner issue(
            String partnerId,
            Environment env,
            boolean active,
            Instant expiresAt,
            String partnerStatus,
            boolean productionApproved,
            List<String> ipAllowlist) {
        Partner p = build(partnerId, env, active, expiresAt, partnerStatus, productionApproved, ipAllowlist);
        publish(p.credential());
        return p;
    }

    private static Partner build(
            String partnerId,
            Environment env,
            boolean active,
            Instant expiresAt,
            String partnerStatus,
            boolean productionApproved,
            List<String> ipAllowlist) {
        String mode = env.keyMode();
        String pk = "pk_" + mode + "_" + Crypto.randomHex(32);
        String sk = "sk_" + mode + "_" + Crypto.randomHex(32);
        String hmac = Crypto.randomHex(32);
        String keyId = "key_" + Crypto.randomHex(12);
        CredentialData c = new CredentialData(
                keyId,
                partnerId,
                env.wireName(),
                pk,
                Crypto.sha256Hex(sk),
                SEALER.seal(hmac),
                active,
                false,
                expiresAt,
                partnerStatus,
                productionApproved,
                "STANDARD",
                600,
                ipAllowlist,
                Feature.names(List.of(Feature.values())),
                System.nanoTime());
        return new Partner(partnerId, keyId, new SignedRequests.PartnerKeys(pk, sk, hmac), c);
    }

    /**
     * Publishes the partner's key again with these widget settings (as keys-service does after
     * {@code PATCH /v1/partner/config}): browser origins allowed to use its publishable key, and the tip settings.
     */
    public static Partner withWidgetSettings(
            Partner p, List<String> allowedOrigins, boolean tipEnabled, int tipDefaultPercent) {
        CredentialData c =
                p.credential().withWidgetSettings(allowedOrigins, tipEnabled, tipDefaultPercent, System.nanoTime());
        publish(c);
        return new Partner(p.partnerId(), p.keyId(), p.keys(), c);
    }

    /** Publishes a (new state of a) credential, as keys-service does on every change. */
    public static void publish(CredentialData c) {
        TopicWriter.send(
                Topics.CREDENTIALS,
                c.keyId(),
                EventEnvelope.of(
                        EventTypes.CREDENTIAL_UPDATED,
                        c.partnerId(),
                        Environment.fromWire(c.environment()),
                        "test",
                        c));
    }

    private TestPartners() {}
}
