package org.sirgiving.donations.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.testinfra.TestPartners;

/**
 * The partner's widget calls (REST Assured, held to the OpenAPI document) and the providers' webhook posts. Webhooks
 * go through the JDK client: they are not partner operations, hidden from the document the contract filter reads.
 */
public final class ProviderCalls {
    /**
     * HTTP/1.1 as Stripe and every.org send: the JDK client's default h2c upgrade of a POST with a body ends in
     * Vert.x's "Request has already been read" behind the kernel's body handler (the gateway never forwards h2c).
     */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ProviderCalls() {}

    public static TestPartners.Partner productionPartner() {
        return TestPartners.issue(
                "ptn_" + Long.toHexString(System.nanoTime()),
                Environment.PRODUCTION,
                true,
                null,
                "ACTIVE",
                true,
                List.of());
    }

    public static Response createLink(TestPartners.Partner partner, String provider, String frequency, long tip) {
        String body = "{\"nonprofitSlug\":\"givedirectly\",\"amount\":2500,\"currency\":\"USD\",\"frequency\":\""
                + frequency + "\",\"provider\":\"" + provider + "\",\"donorEmail\":\"ada@example.com\","
                + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"tipAmount\":" + tip + "}";
        return RestAssured.given()
                .header("X-Partner-Key", partner.keys().publicKey())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/partner/donations/create-link");
    }

    public static JsonPath status(TestPartners.Partner partner, String partnerDonationId) {
        return RestAssured.given()
                .header("X-Partner-Key", partner.keys().publicKey())
                .get("/v1/partner/donations/status/" + partnerDonationId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Posts a Stripe event signed with {@code secret} at {@code signedAt}; returns the status. */
    public static int stripe(String event, String secret, Instant signedAt) {
        return post("/v1/providers/stripe/webhook", event, StripeWebhooks.header(event, secret, signedAt));
    }

    public static int stripeWithHeader(String event, String signatureHeader) {
        return post("/v1/providers/stripe/webhook", event, signatureHeader);
    }

    public static int everyOrg(String body, String secret) {
        String path = "/v1/providers/every-org/webhook" + (secret == null ? "" : "?secret=" + secret);
        return post(path, body, null);
    }

    private static int post(String path, String body, String stripeSignature) {
        // Quarkus sets REST Assured's port to the one the test application listens on (test-port 0: a free one).
        int port = RestAssured.port;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (stripeSignature != null) {
            request.header("Stripe-Signature", stripeSignature);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
