package org.sirgiving.webhooks;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.register;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/** Careless or hostile requests: a prompt 4xx in the contract's body (docs/partner-api.md section 9). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class HostileInputTest {

    private static Response send(TestPartners.Partner p, boolean secret, String method, String path, String body) {
        return SignedRequests.sendPromptly(p.keys(), secret, method, path, body);
    }

    private static void refused(Response r, String code, String field) {
        r.then().statusCode(400).body("code", is(code));
        if (field != null) {
            r.then().body("details.field", hasItem(field));
        }
    }

    @Test
    void anEmptyBodyIsRefusedAtOnce() {
        TestPartners.Partner p = newPartner();
        send(p, true, "POST", BASE, "")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("message", is("A request body is required"));
    }

    @Test
    void endpointsAreListedInTheEnvelopeOfEveryList() {
        TestPartners.Partner p = newPartner();
        String id = register(p, endpoint("http://127.0.0.1:9/a", "receiveAllEvents", true))
                .getString("id");
        register(p, endpoint("http://127.0.0.1:9/b", "receiveAllEvents", true));
        send(p, false, "GET", BASE + "?limit=1", null)
                .then()
                .statusCode(200)
                .body("data.size()", is(1))
                .body("data[0]", not(hasKey("secret")))
                .body("page", is(1))
                .body("limit", is(1))
                .body("total", is(2));
        send(p, false, "GET", BASE + "?page=2&limit=1", null).then().body("data.size()", is(1));
        send(p, false, "GET", BASE, null).then().body("data.id", hasItem(id));
    }

    @Test
    void pagesOutsideTheirBoundsAre400sNamingTheParameter() {
        TestPartners.Partner p = newPartner();
        String id = register(p, endpoint("http://127.0.0.1:9/p", "receiveAllEvents", true))
                .getString("id");
        for (String list : List.of(BASE, BASE + "/" + id + "/deliveries")) {
            refused(send(p, false, "GET", list + "?page=2147483647", null), "VALIDATION_FAILED", "page");
            refused(send(p, false, "GET", list + "?page=-1", null), "VALIDATION_FAILED", "page");
            refused(send(p, false, "GET", list + "?limit=0", null), "VALIDATION_FAILED", "limit");
            send(p, false, "GET", list + "?page=1000000&limit=100", null)
                    .then()
                    .statusCode(200)
                    .body("data.size()", is(0));
        }
    }

    @Test
    void textThatCannotBeStoredAndBodiesCutShortAreRefused() {
        TestPartners.Partner p = newPartner();
        refused(
                send(p, true, "POST", BASE, "{\"url\":\"http://127.0.0.1:9/x\",\"description\":\"a\\u0000\"}"),
                "VALIDATION_FAILED",
                "description");
        refused(
                send(p, true, "POST", BASE, "{\"url\":\"http://127.0.0.1:9/x\",\"description\":\"\\udfff\"}"),
                "VALIDATION_FAILED",
                "description");
        refused(send(p, false, "GET", BASE + "/whk%00", null), "VALIDATION_FAILED", "path");
        for (String cut : List.of(
                "{\"url\": \"http://127.0.0.1:9/bro",
                "{\"url\":",
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"action.completed\",",
                "{\"url\":\"http://127.0.0.1:9/x\",")) {
            refused(send(p, true, "POST", BASE, cut), "INVALID_JSON", null);
        }
    }
}
