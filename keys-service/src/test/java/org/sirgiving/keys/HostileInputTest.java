package org.sirgiving.keys;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.Promptly;
import org.sirgiving.testinfra.TestJwt;

/** Careless or hostile bodies on the JWT endpoints: a prompt 400 in the contract's body (docs/partner-api.md section 9). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class HostileInputTest {

    /** {@code type} null: no Content-Type and no body ({@code Content-Length: 0}). */
    private static Response createKey(String body, ContentType type) {
        var spec = Promptly.given().auth().oauth2(TestJwt.token("user-" + UUID.randomUUID()));
        if (type != null) {
            spec = spec.contentType(type).body(body);
        }
        return spec.post("/v1/partner/keys");
    }

    @Test
    void anEmptyBodyIsRefusedAtOnce() {
        for (ContentType type : Arrays.asList(ContentType.JSON, null)) {
            createKey("", type)
                    .then()
                    .statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("message", is("A request body is required"))
                    .body("details.field", hasItem("body"));
        }
    }

    @Test
    void aBodyCutShortIsInvalidJsonWhereverItStops() {
        for (String cut : List.of(
                "{\"name\": \"broken",
                "{\"name\":",
                "{\"name\":\"a\",",
                "{\"name\":\"a\",\"environment\":[\"x\",",
                "{\"name\":\"a\" \"environment\":\"sandbox\"}")) {
            createKey(cut, ContentType.JSON).then().statusCode(400).body("code", is("INVALID_JSON"));
        }
        createKey("{\"name\":[],\"environment\":\"sandbox\"}", ContentType.JSON)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("name"));
    }

    @Test
    void anExpiryBeyondTheYear9999IsA400() {
        String token = TestJwt.token("user-" + UUID.randomUUID());
        String id = Promptly.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"k\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Promptly.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"expiresAt\":\"+999999999-12-31T00:00:00Z\"}")
                .patch("/v1/partner/keys/" + id)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("expiresAt"));
    }

    @Test
    void textThatCannotBeStoredIsRefusedNamingTheField() {
        createKey("{\"name\":\"shop\\u0000\",\"environment\":\"sandbox\"}", ContentType.JSON)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("name"));
        createKey("{\"name\":\"shop\\ud800\",\"environment\":\"sandbox\"}", ContentType.JSON)
                .then()
                .statusCode(400)
                .body("details.field", hasItem("name"));
    }

    @Test
    void aFormOrMultipartBodyIsRefusedAs415BeforeItIsRead() {
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Promptly.given()
                    .config(Promptly.config()
                            .encoderConfig(EncoderConfig.encoderConfig()
                                    .encodeContentTypeAs(type.split(";")[0], ContentType.TEXT)))
                    .auth()
                    .oauth2(TestJwt.token("user-" + UUID.randomUUID()))
                    .header("Content-Type", type)
                    .body("name=k&environment=sandbox")
                    .post("/v1/partner/keys")
                    .then()
                    .statusCode(415)
                    .body("code", is("UNSUPPORTED_MEDIA_TYPE"));
        }
    }

    @Test
    void aNullInAListOfEnumValuesIsA400NamingIt() {
        String token = TestJwt.token("user-" + UUID.randomUUID());
        Promptly.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"k\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys")
                .then()
                .statusCode(201);
        Promptly.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"legalEntityName\":\"L\",\"contactEmail\":\"a@example.org\",\"useCase\":\"u\","
                        + "\"expectedMonthlyVolume\":1,\"actionTypes\":[\"PURCHASE\",null],\"stakeholderModel\":\"s\"}")
                .post("/v1/partner/keys/production-request")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem(containsString("actionTypes")));
    }
}
