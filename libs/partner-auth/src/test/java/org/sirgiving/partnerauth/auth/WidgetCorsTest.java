package org.sirgiving.partnerauth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/** Which browser origins may use a publishable key (docs/partner-api.md section 7); the HTTP side: keys-service. */
class WidgetCorsTest {
    static final List<String> SHOP = List.of("https://shop.example", "http://localhost:3000");

    @Test
    void aListedOriginIsAllowedByExactMatchOnly() {
        assertTrue(WidgetCors.allows("https://shop.example", Environment.PRODUCTION, SHOP));
        assertTrue(WidgetCors.allows("http://localhost:3000", Environment.SANDBOX, SHOP));
        assertFalse(WidgetCors.allows("http://shop.example", Environment.PRODUCTION, SHOP), "other scheme");
        assertFalse(WidgetCors.allows("https://shop.example:8443", Environment.PRODUCTION, SHOP), "other port");
        assertFalse(WidgetCors.allows("https://evil.shop.example", Environment.PRODUCTION, SHOP), "subdomain");
        assertFalse(WidgetCors.allows("https://shop.example.evil", Environment.PRODUCTION, SHOP), "suffix");
    }

    @Test
    void aSandboxKeyWithNoOriginsAllowsLoopbackPagesOnly() {
        assertTrue(WidgetCors.allows("http://localhost:5173", Environment.SANDBOX, List.of()));
        assertTrue(WidgetCors.allows("http://127.0.0.1:8000", Environment.SANDBOX, List.of()));
        assertTrue(WidgetCors.allows("http://localhost", Environment.SANDBOX, null));
        assertFalse(WidgetCors.allows("https://shop.example", Environment.SANDBOX, List.of()));
        assertFalse(WidgetCors.allows("http://localhost.evil.example", Environment.SANDBOX, List.of()));
        assertFalse(WidgetCors.allows("http://127.0.0.1.evil.example", Environment.SANDBOX, List.of()));
        assertFalse(WidgetCors.allows("null", Environment.SANDBOX, List.of()), "a sandboxed iframe or file page");
    }

    @Test
    void onceOriginsAreListedASandboxKeyNoLongerAllowsOtherLoopbackPages() {
        assertFalse(WidgetCors.allows("http://localhost:5173", Environment.SANDBOX, SHOP));
    }

    @Test
    void aProductionKeyWithNoOriginsRefusesEveryOrigin() {
        assertFalse(WidgetCors.allows("http://localhost:5173", Environment.PRODUCTION, List.of()));
        assertFalse(WidgetCors.allows("https://shop.example", Environment.PRODUCTION, List.of()));
    }

    @Test
    void originsAreStoredAsBrowsersSendThem() {
        assertEquals("https://shop.example", WidgetCors.normalize("HTTPS://Shop.Example:443"));
        assertEquals("http://localhost:3000", WidgetCors.normalize(" http://localhost:3000 "));
        assertEquals("http://shop.example", WidgetCors.normalize("http://shop.example:80"));
        assertNull(WidgetCors.normalize("https://shop.example/"), "a path");
        assertNull(WidgetCors.normalize("https://shop.example/checkout"));
        assertNull(WidgetCors.normalize("https://shop.example?x=1"));
        assertNull(WidgetCors.normalize("https://user@shop.example"));
        assertNull(WidgetCors.normalize("ftp://shop.example"));
        assertNull(WidgetCors.normalize("shop.example"));
        assertNull(WidgetCors.normalize("*"));
    }

    @Test
    void theRefusalNamesTheOriginAndHowToAllowItAndIsReadableByThePage() {
        ApiException e = WidgetCors.refused("https://other.example", Environment.PRODUCTION);
        assertEquals(ErrorCode.ORIGIN_NOT_ALLOWED, e.code());
        assertEquals(403, e.code().status());
        assertTrue(e.getMessage().contains("https://other.example"), e.getMessage());
        assertTrue(e.getMessage().contains("PATCH /v1/partner/config"), e.getMessage());
        assertEquals("https://other.example", e.headers().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", e.headers().get("Vary"));
    }

    @Test
    void aCredentialRecordPublishedBeforeWidgetSettingsReadsAsNoOriginsAndNoTip() throws Exception {
        String old = "{\"keyId\":\"key_1\",\"partnerId\":\"ptn_1\",\"environment\":\"sandbox\","
                + "\"publicKey\":\"pk_test_1\",\"secretKeyHash\":\"ab\",\"hmacSecretSealed\":\"dev1:x\","
                + "\"active\":true,\"revoked\":false,\"partnerStatus\":\"ACTIVE\",\"productionApproved\":false,"
                + "\"tier\":\"STANDARD\",\"rateLimit\":600,\"ipAllowlist\":[],\"enabledFeatures\":[\"DONATIONS\"],"
                + "\"version\":7}";
        CredentialData c = EventJson.read(EventJson.MAPPER.readTree(old), CredentialData.class);
        assertEquals(7, c.version());
        assertTrue(c.allowedOrigins() == null || c.allowedOrigins().isEmpty());
        assertFalse(c.tipEnabled());

        CredentialData withSettings = c.withWidgetSettings(List.of("https://shop.example"), true, 12, 8);
        CredentialData back =
                EventJson.read(EventJson.MAPPER.readTree(EventJson.write(withSettings)), CredentialData.class);
        assertEquals(withSettings, back);
    }
}
