package org.sirgiving.donations;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sirgiving.events.EventJson;
import org.sirgiving.testinfra.TestPartners;

/** The partner's and the donor's side of the donation endpoints, as these tests call them. */
final class DonationApi {
    static final String CREATE = "/v1/partner/donations/create-link";

    /**
     * A sandbox partner that offers tips (10 % by default). Tips are off until a partner turns them on with
     * {@code PATCH /v1/partner/config}; its one credential record is published with the setting, so no request can
     * see the key without it.
     */
    static TestPartners.Partner tippingPartner() {
        return TestPartners.withWidgetSettings(TestPartners.sandboxNotYetPublished(), List.of(), true, 10);
    }

    /** A valid create-link body; {@code overrides} replace (or, with a null value, remove) fields. */
    static String body(Object... overrides) {
        Map<String, Object> b = new HashMap<>();
        b.put("nonprofitSlug", "givedirectly");
        b.put("amount", 2500);
        b.put("currency", "USD");
        b.put("frequency", "once");
        b.put("provider", "stripe");
        b.put("donorEmail", "Ada@Example.com");
        b.put("firstName", "Ada");
        b.put("lastName", "Lovelace");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                b.remove((String) overrides[i]);
            } else {
                b.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return EventJson.write(b);
    }

    /** A widget call with the publishable key, as a browser makes it. */
    static Response widgetPost(TestPartners.Partner p, String path, String body, String idempotencyKey) {
        var spec = given().header("X-Partner-Key", p.keys().publicKey())
                .contentType(ContentType.JSON)
                .body(body);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.post(path);
    }

    static Response widgetGet(TestPartners.Partner p, String path) {
        return given().header("X-Partner-Key", p.keys().publicKey()).get(path);
    }

    static Response status(TestPartners.Partner p, String donationId) {
        return widgetGet(p, "/v1/partner/donations/status/" + donationId);
    }

    /** The checkout page's path (the link is absolute, on the public base URL). */
    static String checkoutPath(String donationLink) {
        return donationLink.substring(donationLink.indexOf("/donate/checkout/"));
    }

    /** Presses a button of the hosted checkout, as the donor's browser posts its form. */
    static Response press(String checkoutPath, String button) {
        return given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("submitted", "1")
                .post(checkoutPath + "/" + button);
    }

    static long count(String sql) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private DonationApi() {}
}
