package org.sirgiving.webhooks;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.call;
import static org.sirgiving.webhooks.WebhookApi.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/** Registration as production configures it: https only, public targets only. */
@QuarkusTest
@TestProfile(PublicTargetsOnlyTest.Production.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class PublicTargetsOnlyTest {
    /** The one refusal partners see, whatever the host resolved to (or that it did not resolve). */
    private static final String NOT_ALLOWED =
            "the target is not allowed: webhooks go to hosts with public addresses only";

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sir.webhooks.allow-http", "false", "sir.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void loopbackPrivateMetadataAndSpecialPurposeTargetsAreRefusedAtRegistrationWithoutNamingTheAddress() {
        TestPartners.Partner p = WebhookApi.newPartner();
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost:8443/hook",
                "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.7/hook",
                "https://192.168.1.20/hook",
                "https://100.64.1.1/hook",
                "https://[64:ff9b:1::a9fe:a9fe]/hook", // NAT64 local-use prefix (RFC 8215)
                "https://[2001::1]/hook", // Teredo (RFC 4380)
                "https://no-such-host.invalid/hook")) {
            call(p, "POST", BASE, endpoint(url, "receiveAllEvents", true))
                    .then()
                    .statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("details[0].field", is("url"))
                    .body("details[0].message", is(NOT_ALLOWED))
                    .body(not(containsString("resolves")));
        }
        call(p, "POST", BASE, endpoint("http://example.com/hook", "receiveAllEvents", true))
                .then()
                .statusCode(400)
                .body("details[0].field", is("url"))
                .body("details[0].message", is("must be an https URL"));
        call(p, "POST", BASE, endpoint("https://user:pw@example.com/hook", "receiveAllEvents", true))
                .then()
                .statusCode(400)
                .body("details[0].field", is("url"));
        WebhookApi.read(p, BASE).then().statusCode(200).body("data.size()", is(0));
    }

    @Test
    void aProductionRequestsInternalUrlIsRefusedAtApprovalAndTheEndpointSaysWhy() {
        TestPartners.Partner p = ProductionEndpointsTest.livePartner();
        ProductionEndpointsTest.deliverAll(p, ProductionEndpointsTest.approval(p, "https://127.0.0.1/hook"));
        List<Map<String, Object>> list = ProductionEndpointsTest.endpoints(p);
        assertEquals(1, list.size());
        assertEquals(false, list.get(0).get("isActive"));
        assertTrue(((String) list.get(0).get("disabledReason"))
                .startsWith("The webhook URL of the production request was refused when it was approved: "));
    }
}
