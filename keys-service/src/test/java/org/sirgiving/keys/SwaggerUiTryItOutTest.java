package org.sirgiving.keys;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * The Swagger UI page at /partner-api (issue 12): it shows the one merged document and signs "Try it out" requests in
 * the browser with the TypeScript SDK's WebCrypto signer, served as the very file the SDK builds from.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class SwaggerUiTryItOutTest {

    @Test
    void thePageLoadsTheMergedDocumentAndSignsThroughTheInterceptor() {
        RestAssured.get("/partner-api/index.html")
                .then()
                .statusCode(200)
                .body(containsString("/partner-api/openapi.json"))
                .body(not(containsString("/partner-api/openapi/actions-service")))
                .body(containsString("<script src=\"/partner-api/assets/try-it-out.js\"></script>"))
                .body(containsString(
                        "requestInterceptor: function (request) { return window.sirTryItOut.intercept(request); }"));
    }

    @Test
    void theTryItOutScriptIsServed() {
        RestAssured.get("/partner-api/assets/try-it-out.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("window.sirTryItOut = { intercept: intercept }"))
                .body(containsString("new URL('web-signing.js', document.currentScript.src)"));
    }

    @Test
    void theSignerIsTheSdksOwnFileByteForByte() throws Exception {
        byte[] served = RestAssured.get("/partner-api/assets/web-signing.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .extract()
                .asByteArray();
        byte[] sdk = Files.readAllBytes(Path.of("../sdk/typescript/src/web-signing.js"));
        assertEquals(new String(sdk, "UTF-8"), new String(served, "UTF-8"));
    }
}
