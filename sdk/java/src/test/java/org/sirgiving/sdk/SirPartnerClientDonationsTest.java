package org.sirgiving.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.sdk.SirPartnerClientTest.assertSignedAsTheContractSays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.sdk.FakeApi.Answer;
import org.sirgiving.sdk.model.CreateDonationLinkRequest;
import org.sirgiving.sdk.model.Dashboard;
import org.sirgiving.sdk.model.Donation;
import org.sirgiving.sdk.model.DonationFrequency;
import org.sirgiving.sdk.model.DonationLink;
import org.sirgiving.sdk.model.DonationProvider;
import org.sirgiving.sdk.model.DonationStatus;
import org.sirgiving.sdk.model.Feature;
import org.sirgiving.sdk.model.Organization;
import org.sirgiving.sdk.model.OrganizationStatus;
import org.sirgiving.sdk.model.Page;
import org.sirgiving.sdk.model.PartnerConfig;
import org.sirgiving.sdk.model.RewardStatus;
import org.sirgiving.sdk.model.UpdatePartnerConfigRequest;

/**
 * Organizations, donation links, donation status, the widget configuration and the dashboard against a real local HTTP
 * server answering as the API does (docs/partner-api.md section 7, docs/partners/donations.md).
 */
class SirPartnerClientDonationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANIZATION = "{\"id\":\"org_1\",\"slug\":\"givedirectly\",\"name\":\"GiveDirectly\","
            + "\"ein\":\"27-1661997\",\"status\":\"ACTIVE\",\"website\":\"https://www.givedirectly.org\","
            + "\"providers\":[\"stripe\",\"every.org\"],\"currencies\":[\"USD\"]}";
    private static final String LINK = "{\"donationLink\":\"https://api.example/donate/checkout/8c1d\","
            + "\"partnerDonationId\":\"don_9f86d081884c7d659a2feaa0\"}";

    private FakeApi api;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private SirPartnerClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        client = SirPartnerClient.builder()
                .baseUrl(api.baseUrl())
                .partnerKey(SirPartnerClientTest.KEY)
                .hmacSecret(SirPartnerClientTest.HMAC)
                .requestTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .sleeper(sleeps::add)
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static CreateDonationLinkRequest monthlyWithTip() {
        return CreateDonationLinkRequest.builder()
                .nonprofitSlug("givedirectly")
                .amount(2500)
                .currency("USD")
                .frequency(DonationFrequency.MONTHLY)
                .provider(DonationProvider.EVERY_ORG)
                .donor("ada@example.com", "Ada", "Lovelace")
                .tipPercent(10)
                .referralCode("spring")
                .partnerUserId("user-42")
                .returnUrl("https://shop.example/donate/return")
                .build();
    }

    private static String error(int status, String code, String extra) {
        return "{\"statusCode\":" + status + ",\"code\":\"" + code + "\",\"message\":\"m\",\"requestId\":\"req_"
                + code.toLowerCase() + "\"" + extra + "}";
    }

    private static JsonNode body(FakeApi.Seen s) throws Exception {
        return JSON.readTree(s.body());
    }

    @Test
    void searchSendsQueryPageAndLimitInTheSignedPathAndReadsThePage() throws Exception {
        api.then(Answer.json(200, "{\"data\":[" + ORGANIZATION + "],\"page\":2,\"limit\":5,\"total\":6}"));

        Page<Organization> found = client.searchOrganizations("malaria nets", 2, 5);

        FakeApi.Seen seen = api.seen.get(0);
        assertEquals("GET", seen.method());
        assertEquals("/v1/partner/organizations?query=malaria%20nets&page=2&limit=5", seen.pathWithQuery());
        assertSignedAsTheContractSays(seen);
        assertEquals(6, found.total());
        assertEquals(2, found.page());
        Organization org = found.data().get(0);
        assertEquals("givedirectly", org.slug());
        assertEquals(OrganizationStatus.ACTIVE, org.status());
        assertEquals(List.of("stripe", "every.org"), org.providers());
        assertNull(org.logo());
    }

    @Test
    void searchWithoutAQueryListsThemAll() {
        api.then(Answer.json(200, "{\"data\":[],\"page\":1,\"limit\":20,\"total\":0}"));

        client.searchOrganizations(null, 1, 20);

        assertEquals(
                "/v1/partner/organizations?page=1&limit=20", api.seen.get(0).pathWithQuery());
    }

    @Test
    void anOrganizationIsLookedUpByItsEncodedSlugAndAMissingOneIsNotFound() throws Exception {
        api.then(Answer.json(200, ORGANIZATION.replace("ACTIVE", "DORMANT")))
                .then(Answer.json(404, error(404, "NOT_FOUND", "")));

        Organization org = client.getOrganization("give directly");
        SirApiException missing = assertThrows(SirApiException.class, () -> client.getOrganization("nobody"));

        assertEquals(
                "/v1/partner/organizations/give%20directly", api.seen.get(0).pathWithQuery());
        assertSignedAsTheContractSays(api.seen.get(0));
        // a status added after this SDK was built reads as UNKNOWN rather than failing
        assertEquals(OrganizationStatus.UNKNOWN, org.status());
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertEquals("req_not_found", missing.requestId());
        assertEquals(2, api.seen.size());
    }

    @Test
    void aLinkIsCreatedWithEveryFieldInTheWireSpellingUnderTheCallersIdempotencyKey() throws Exception {
        api.then(Answer.json(201, LINK));

        ApiResponse<DonationLink> response = client.createDonationLinkWithResponse(monthlyWithTip(), "cart-7f3a");

        FakeApi.Seen seen = api.seen.get(0);
        assertEquals("POST", seen.method());
        assertEquals("/v1/partner/donations/create-link", seen.pathWithQuery());
        assertEquals("cart-7f3a", seen.header("Idempotency-Key"));
        assertEquals("application/json", seen.header("Content-Type"));
        assertSignedAsTheContractSays(seen);
        assertEquals(
                JSON.readTree("{\"nonprofitSlug\":\"givedirectly\",\"amount\":2500,\"currency\":\"USD\","
                        + "\"frequency\":\"monthly\",\"provider\":\"every.org\",\"donorEmail\":\"ada@example.com\","
                        + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"tipPercent\":10,\"referralCode\":\"spring\","
                        + "\"partnerUserId\":\"user-42\",\"returnUrl\":\"https://shop.example/donate/return\"}"),
                body(seen));
        assertEquals(201, response.statusCode());
        assertFalse(response.replayed());
        assertEquals("don_9f86d081884c7d659a2feaa0", response.data().partnerDonationId());
        assertEquals("https://api.example/donate/checkout/8c1d", response.data().donationLink());
    }

    @Test
    void aLinkDefaultsToOnceAndSendsNoAbsentOptionalField() throws Exception {
        api.then(Answer.json(201, LINK));

        client.createDonationLink(CreateDonationLinkRequest.builder()
                .nonprofitSlug("givedirectly")
                .amount(100)
                .currency("USD")
                .provider(DonationProvider.STRIPE)
                .donor("ada@example.com", "Ada", "Lovelace")
                .tipAmount(50)
                .build());

        JsonNode sent = body(api.seen.get(0));
        assertEquals("once", sent.path("frequency").asText());
        assertEquals("stripe", sent.path("provider").asText());
        assertEquals(50, sent.path("tipAmount").asLong());
        assertFalse(sent.has("tipPercent"));
        assertFalse(sent.has("returnUrl"));
        assertFalse(sent.has("partnerUserId"));
    }

    @Test
    void aLinkCreateIsRetriedWithOneMadeKeyAndTheSameBytesAfterA503AndALostConnection() throws Exception {
        api.then(Answer.json(503, error(503, "SERVICE_UNAVAILABLE", ""), Map.of("Retry-After", "2")))
                .then(Answer.dropConnection())
                .then(Answer.json(201, LINK));

        DonationLink link = client.createDonationLink(monthlyWithTip());

        assertEquals("don_9f86d081884c7d659a2feaa0", link.partnerDonationId());
        assertEquals(3, api.seen.size());
        String key = api.seen.get(0).header("Idempotency-Key");
        assertTrue(key != null && !key.isBlank());
        for (FakeApi.Seen s : api.seen) {
            assertEquals(key, s.header("Idempotency-Key"));
            assertArrayEquals(api.seen.get(0).body(), s.body());
            assertSignedAsTheContractSays(s);
        }
        assertEquals(Duration.ofSeconds(2), sleeps.get(0));
    }

    @Test
    void aSecondCallWithoutAKeyGetsAKeyOfItsOwn() {
        api.then(Answer.json(201, LINK)).then(Answer.json(201, LINK));

        client.createDonationLink(monthlyWithTip());
        client.createDonationLink(monthlyWithTip());

        assertFalse(
                api.seen.get(0).header("Idempotency-Key").equals(api.seen.get(1).header("Idempotency-Key")));
    }

    @Test
    void aReplayedLinkIsTheOriginalFromTheConflictsResult() {
        api.then(Answer.json(
                409, error(409, "IDEMPOTENT", ",\"result\":" + LINK), Map.of("Idempotent-Replayed", "true")));

        ApiResponse<DonationLink> response = client.createDonationLinkWithResponse(monthlyWithTip(), "cart-7f3a");

        assertTrue(response.replayed());
        assertEquals(409, response.statusCode());
        assertEquals("don_9f86d081884c7d659a2feaa0", response.data().partnerDonationId());
        assertEquals(1, api.seen.size());
    }

    @Test
    void aRefusedLinkIsATypedValidationErrorNamingTheFieldAndIsNotRetried() {
        api.then(Answer.json(
                400,
                error(
                        400,
                        "VALIDATION_FAILED",
                        ",\"details\":[{\"field\":\"returnUrl\",\"message\":\"is not on an allowed origin\"}]")));

        SirApiException e =
                assertThrows(SirApiException.class, () -> client.createDonationLink(monthlyWithTip(), "cart-7f3a"));

        assertEquals(400, e.statusCode());
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of(new FieldError("returnUrl", "is not on an allowed origin")), e.details());
        assertEquals(1, api.seen.size());
    }

    @Test
    void theStatusIsReadWithItsChargesAndRewards() throws Exception {
        String reward = "{\"actionId\":\"act_1\",\"status\":\"COMPLETED\",\"tokensDistributed\":25,"
                + "\"transactionIds\":[\"txn_1\"]}";
        api.then(Answer.json(
                200,
                "{\"partnerDonationId\":\"don_1/x\",\"status\":\"COMPLETED\",\"nonprofitSlug\":\"givedirectly\","
                        + "\"amount\":2500,\"currency\":\"USD\",\"frequency\":\"monthly\",\"tipAmount\":250,"
                        + "\"provider\":\"every.org\",\"environment\":\"sandbox\","
                        + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T10:01:00.5Z\","
                        + "\"charges\":[{\"chargeNumber\":1,\"status\":\"COMPLETED\",\"amount\":2500,"
                        + "\"providerChargeId\":\"sbx_ch_1\",\"chargedAt\":\"2026-12-01T10:01:00Z\",\"reward\":"
                        + reward + "},{\"chargeNumber\":2,\"status\":\"FAILED\",\"amount\":2500,"
                        + "\"providerChargeId\":\"sbx_ch_2\",\"chargedAt\":\"2027-01-01T10:01:00Z\"}],"
                        + "\"reward\":" + reward + ",\"someNewField\":true}"));

        Donation d = client.getDonationStatus("don_1/x");

        assertEquals("/v1/partner/donations/status/don_1%2Fx", api.seen.get(0).pathWithQuery());
        assertSignedAsTheContractSays(api.seen.get(0));
        assertEquals(DonationStatus.COMPLETED, d.status());
        assertEquals(DonationFrequency.MONTHLY, d.frequency());
        assertEquals(DonationProvider.EVERY_ORG, d.provider());
        assertEquals(2500, d.amount());
        assertEquals(250, d.tipAmount());
        assertEquals(Instant.parse("2026-12-01T10:01:00.5Z"), d.updatedAt());
        assertEquals(2, d.charges().size());
        assertEquals(RewardStatus.COMPLETED, d.charges().get(0).reward().status());
        assertNull(d.charges().get(1).reward());
        assertEquals("FAILED", d.charges().get(1).status());
        assertEquals("act_1", d.reward().actionId());
        assertEquals(25, d.reward().tokensDistributed());
        assertEquals(List.of("txn_1"), d.reward().transactionIds());
    }

    @Test
    void aNewDonationHasNoRewardYet() {
        api.then(Answer.json(
                200,
                "{\"partnerDonationId\":\"don_2\",\"status\":\"CREATED\",\"nonprofitSlug\":\"givedirectly\","
                        + "\"amount\":100,\"currency\":\"USD\",\"frequency\":\"once\",\"tipAmount\":0,"
                        + "\"provider\":\"stripe\",\"environment\":\"sandbox\",\"createdAt\":\"2026-12-01T10:00:00Z\","
                        + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"charges\":[],\"reward\":null}"));

        Donation d = client.getDonationStatus("don_2");

        assertEquals(DonationStatus.CREATED, d.status());
        assertEquals(DonationFrequency.ONCE, d.frequency());
        assertTrue(d.charges().isEmpty());
        assertNull(d.reward());
    }

    @Test
    void theConfigIsReadAndItsTipAndOriginsArePatchedWithOnlyTheFieldsGiven() throws Exception {
        String config = "{\"id\":\"ptn_1\",\"name\":\"Acme\",\"slug\":\"acme\",\"enabledFeatures\":[\"ACTIONS\","
                + "\"DONATIONS\",\"LATER\"],\"rateLimit\":600,\"isActive\":true,\"webhookUrl\":null,"
                + "\"tipConfig\":{\"enabled\":%s,\"defaultPercent\":%d},\"allowedOrigins\":[%s]}";
        api.then(Answer.json(200, String.format(config, "false", 0, "")))
                .then(Answer.json(200, String.format(config, "true", 10, "")))
                .then(Answer.json(200, String.format(config, "true", 10, "\"https://shop.acme.example\"")));

        PartnerConfig before = client.getPartnerConfig();
        PartnerConfig tips = client.updatePartnerConfig(UpdatePartnerConfigRequest.tips(true, 10));
        PartnerConfig origins = client.updatePartnerConfig(
                UpdatePartnerConfigRequest.allowedOrigins(List.of("https://shop.acme.example")));

        assertEquals("GET", api.seen.get(0).method());
        assertEquals("/v1/partner/config", api.seen.get(0).pathWithQuery());
        assertEquals(List.of(Feature.ACTIONS, Feature.DONATIONS, Feature.UNKNOWN), before.enabledFeatures());
        assertTrue(before.isActive());
        assertNull(before.webhookUrl());
        assertFalse(before.tipConfig().enabled());
        assertEquals("PATCH", api.seen.get(1).method());
        assertEquals("/v1/partner/config", api.seen.get(1).pathWithQuery());
        assertEquals(JSON.readTree("{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":10}}"), body(api.seen.get(1)));
        assertEquals(10, tips.tipConfig().defaultPercent());
        assertEquals(JSON.readTree("{\"allowedOrigins\":[\"https://shop.acme.example\"]}"), body(api.seen.get(2)));
        assertEquals(List.of("https://shop.acme.example"), origins.allowedOrigins());
        for (FakeApi.Seen s : api.seen) {
            assertSignedAsTheContractSays(s);
        }
    }

    @Test
    void aConfigUpdateIsNotResentAfterALostConnection() {
        api.then(Answer.dropConnection());

        SirTransportException e = assertThrows(
                SirTransportException.class,
                () -> client.updatePartnerConfig(UpdatePartnerConfigRequest.tips(false, 0)));

        assertEquals(1, e.attempts());
        assertEquals(1, api.seen.size());
    }

    @Test
    void theDashboardSendsItsWindowAndReadsNullableFigures() throws Exception {
        String dashboard = "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\","
                + "\"environment\":\"sandbox\",\"actions\":{\"completed\":1520,\"reversed\":12,\"failed\":3},"
                + "\"tokensDistributed\":38000,\"activeUsers\":640,\"poolBalance\":%s,"
                + "\"webhookDeliverySuccessRate\":%s,\"webhookDeliveriesPending\":%s}";
        api.then(Answer.json(200, String.format(dashboard, "62000", "0.9985", "2")))
                .then(Answer.json(200, String.format(dashboard, "null", "null", "null")));

        Dashboard window = client.getDashboard("2026-11-01", "2026-11-30");
        Dashboard last30 = client.getDashboard();

        assertEquals(
                "/v1/partner/dashboard?from=2026-11-01&to=2026-11-30",
                api.seen.get(0).pathWithQuery());
        assertEquals("/v1/partner/dashboard", api.seen.get(1).pathWithQuery());
        assertSignedAsTheContractSays(api.seen.get(0));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), window.from());
        assertEquals(1520, window.actions().completed());
        assertEquals(12, window.actions().reversed());
        assertEquals(62000L, window.poolBalance());
        assertEquals(0.9985, window.webhookDeliverySuccessRate());
        assertEquals(2L, window.webhookDeliveriesPending());
        assertNull(last30.poolBalance());
        assertNull(last30.webhookDeliverySuccessRate());
        assertNull(last30.webhookDeliveriesPending());
    }
}
