package org.sirgiving.webhooks;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.call;
import static org.sirgiving.webhooks.WebhookApi.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sir.webhooks.allow-http", "false", "sir.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void loopbackPrivateAndMetadataTargetsAreRefusedAtRegistration() {
        TestPartners.Partner p = WebhookApi.newPartner();
        Map<String, String> refused = Map.of(
                "https://127.0.0.1/hook", "loopback",
                "https://localhost:8443/hook", "loopback",
                "https://[::1]/hook", "loopback",
                "https://169.254.169.254/latest/meta-data/", "link-local",
                "https://10.0.0.7/hook", "private",
                "https://192.168.1.20/hook", "private",
                "https://100.64.1.1/hook", "carrier-grade NAT");
        refused.forEach((url, why) -> call(p, "POST", BASE, endpoint(url, "receiveAllEvents", true))
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("url"))
                .body("details[0].message", containsString(why)));
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
}
