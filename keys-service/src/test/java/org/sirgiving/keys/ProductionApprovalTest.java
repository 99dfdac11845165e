package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.keys.OperatorDecisionsTest.OPERATOR;
import static org.sirgiving.keys.OperatorDecisionsTest.partnerWithRequest;
import static org.sirgiving.keys.OperatorDecisionsTest.pendingRequestOf;
import static org.sirgiving.keys.OperatorDecisionsTest.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TopicReader;

/**
 * An approval sets up production (docs/partner-api.md section 2): it announces {@code partner.production_approved}
 * with the pool's size and the request's webhook URL, and the partner sees where its request stands.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class ProductionApprovalTest {
    static final Duration EVENT_WAIT = Duration.ofSeconds(15);

    static EventEnvelope approvalEventOf(String partnerId) {
        return TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.PARTNERS,
                e -> e.type().equals(EventTypes.PARTNER_PRODUCTION_APPROVED)
                        && e.partnerId().equals(partnerId),
                EVENT_WAIT);
    }

    @Test
    void approvalAnnouncesThePoolSizeAndTheWebhookUrlOnce() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        String requestId = pendingRequestOf(k.partnerId());
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + requestId + "/approve",
                        "{\"tier\":\"STANDARD\",\"productionPoolAllocation\":250000}")
                .then()
                .statusCode(200)
                .body("status", is("APPROVED"))
                .body("productionPoolAllocation", is(250000));

        EventEnvelope e = approvalEventOf(k.partnerId());
        assertEquals(Environment.PRODUCTION, e.environment());
        EventSchemas.CLOSED.assertMatches(e);
        assertEquals(requestId, e.data().path("requestId").asText());
        assertEquals(250000, e.data().path("productionPoolAllocation").asLong());
        assertEquals(
                "https://goodshop.example/hooks", e.data().path("webhookUrl").asText());
        assertEquals("ops-alice", e.data().path("approvedBy").asText());
        assertEquals(
                1,
                TopicReader.count(
                        KafkaBrokerResource.bootstrapServers(),
                        Topics.PARTNERS,
                        x -> x.partnerId().equals(k.partnerId()),
                        Duration.ofSeconds(2)),
                "one approval, one event");
        given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/" + k.partnerId() + "/decisions")
                .then()
                .body("[0].details", containsString("\"productionPoolAllocation\":250000"));
    }

    @Test
    void withoutASizeThePoolGetsTheConfiguredDefault() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        String requestId = pendingRequestOf(k.partnerId());
        post(OPERATOR, "/v1/admin/partners/production-requests/" + requestId + "/approve", "{\"tier\":\"STANDARD\"}")
                .then()
                .statusCode(200)
                .body("productionPoolAllocation", is(100000));
        assertEquals(
                100000,
                approvalEventOf(k.partnerId())
                        .data()
                        .path("productionPoolAllocation")
                        .asLong());
    }

    @Test
    void aPoolSizeMustBeAPositiveWholeNumberOfTokens() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        String requestId = pendingRequestOf(k.partnerId());
        String approve = "/v1/admin/partners/production-requests/" + requestId + "/approve";
        for (String size : new String[] {"0", "-5", "1000000000001", "12.5", "\"many\""}) {
            post(OPERATOR, approve, "{\"tier\":\"STANDARD\",\"productionPoolAllocation\":" + size + "}")
                    .then()
                    .statusCode(400)
                    .body("code", oneOf("VALIDATION_FAILED", "INVALID_JSON"));
        }
        post(OPERATOR, approve, "{\"tier\":\"STANDARD\",\"productionPoolAllocation\":0}")
                .then()
                .body("details.field", hasItem("productionPoolAllocation"));
        // Refused requests decided nothing: the request is still pending.
        assertEquals(requestId, pendingRequestOf(k.partnerId()));
    }

    @Test
    void thePartnerSeesWhereItsProductionRequestStands() {
        KeyLifecycleTest.Issued fresh = KeyLifecycleTest.issue();
        given().auth()
                .oauth2(fresh.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .statusCode(200)
                .body("productionRequest", nullValue());

        KeyLifecycleTest.Issued k = partnerWithRequest();
        String requestId = pendingRequestOf(k.partnerId());
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .statusCode(200)
                .body("status", is("PENDING_APPROVAL"))
                .body("productionRequest.id", is(requestId))
                .body("productionRequest.status", is("PENDING"))
                .body("productionRequest.productionPoolAllocation", nullValue());
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + requestId + "/approve",
                        "{\"tier\":\"STANDARD\",\"productionPoolAllocation\":5000}")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .statusCode(200)
                .body("status", is("ACTIVE"))
                .body("productionRequest.status", is("APPROVED"))
                .body("productionRequest.productionPoolAllocation", is(5000))
                .body("productionRequest.webhookUrl", is("https://goodshop.example/hooks"));
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/auth/me")
                .then()
                .statusCode(200)
                .body("partner.productionRequest.status", is("APPROVED"))
                .body("partner.productionRequest.productionPoolAllocation", is(5000));

        KeyLifecycleTest.Issued r = partnerWithRequest();
        String rejected = pendingRequestOf(r.partnerId());
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + rejected + "/reject",
                        "{\"reason\":\"no legal entity\"}")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(r.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .body("productionRequest.status", is("REJECTED"))
                .body("productionRequest.decisionReason", is("no legal entity"));
    }
}
