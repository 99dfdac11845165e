package org.sirgiving.donations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.count;
import static org.sirgiving.donations.DonationApi.widgetGet;
import static org.sirgiving.donations.DonationApi.widgetPost;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TestPartners;

/** Operators manage the directory; every change is audited with who and why; an inactive nonprofit takes no links. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OrganizationAdminTest {
    private static final String ADMIN = "/v1/admin/organizations";

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + TestJwt.token("op-1", "operator"))
                .contentType(ContentType.JSON);
    }

    @Test
    void anOperatorAddsChangesAndDeactivatesAnOrganizationAndEachStepIsAudited() throws Exception {
        String slug = "test-nonprofit-" + System.nanoTime();
        operator()
                .body("{\"slug\":\"" + slug + "\",\"name\":\"Test Nonprofit\",\"ein\":\"12-3456789\","
                        + "\"website\":\"https://example.org\",\"providers\":[\"stripe\"],\"currencies\":[\"USD\",\"EUR\"],"
                        + "\"reason\":\"Partner asked\"}")
                .post(ADMIN)
                .then()
                .statusCode(201)
                .body("slug", is(slug))
                .body("status", is("ACTIVE"))
                .body("providers", containsInAnyOrder("stripe"))
                .body("currencies", containsInAnyOrder("USD", "EUR"));
        operator()
                .body("{\"slug\":\"" + slug + "\",\"name\":\"Again\"}")
                .post(ADMIN)
                .then()
                .statusCode(409);

        TestPartners.Partner p = TestPartners.sandbox();
        // EUR through Stripe is fine for this one; every.org is not one of its providers.
        widgetPost(p, CREATE, body("nonprofitSlug", slug, "currency", "EUR"), null)
                .then()
                .statusCode(201);
        widgetPost(p, CREATE, body("nonprofitSlug", slug, "provider", "every.org"), null)
                .then()
                .statusCode(400)
                .body("details.field", containsInAnyOrder("provider"));

        operator()
                .body("{\"description\":\"Changed\",\"reason\":\"Typo\"}")
                .patch(ADMIN + "/" + slug)
                .then()
                .statusCode(200)
                .body("description", is("Changed"))
                .body("name", is("Test Nonprofit"));
        operator()
                .body("{\"reason\":\"Lost its status\"}")
                .post(ADMIN + "/" + slug + "/deactivate")
                .then()
                .statusCode(200)
                .body("status", is("INACTIVE"));
        operator()
                .body("{\"reason\":\"Again\"}")
                .post(ADMIN + "/" + slug + "/deactivate")
                .then()
                .statusCode(200);

        widgetGet(p, "/v1/partner/organizations/" + slug).then().statusCode(200).body("status", is("INACTIVE"));
        widgetPost(p, CREATE, body("nonprofitSlug", slug, "currency", "EUR"), null)
                .then()
                .statusCode(400)
                .body("details.field", containsInAnyOrder("nonprofitSlug"));
        widgetGet(p, "/v1/partner/organizations?query=" + slug)
                .then()
                .statusCode(200)
                .body("total", is(0));
        operator().get(ADMIN + "?query=" + slug).then().statusCode(200).body("total", is(1));

        String audit = "SELECT count(*) FROM organization_decisions d JOIN organizations o ON o.id = d.organization_id"
                + " WHERE o.slug = '" + slug + "' AND d.operator_subject = 'op-1'";
        assertEquals(3, count(audit));
        assertEquals(1, count(audit + " AND d.decision = 'DEACTIVATE' AND d.reason = 'Lost its status'"));
    }

    @Test
    void operatorBodiesAreValidatedAndOnlyOperatorsGetIn() {
        operator()
                .body("{\"slug\":\"Not A Slug\",\"name\":\"\",\"ein\":\"123\",\"currencies\":[\"usd\"]}")
                .post(ADMIN)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        operator().body("{}").post(ADMIN + "/givedirectly/deactivate").then().statusCode(400);
        operator()
                .body("{\"reason\":\"x\"}")
                .post(ADMIN + "/no-such-org/deactivate")
                .then()
                .statusCode(404);
        given().header("Authorization", "Bearer " + TestJwt.token("someone"))
                .get(ADMIN)
                .then()
                .statusCode(403);
        given().get(ADMIN).then().statusCode(401);
        assertEquals(
                Page.Request.DEFAULT_LIMIT,
                operator().get(ADMIN).then().statusCode(200).extract().<Integer>path("limit"));
    }
}
