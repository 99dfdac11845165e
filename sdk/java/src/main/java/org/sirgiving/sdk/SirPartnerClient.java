package org.sirgiving.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.sirgiving.sdk.model.Action;
import org.sirgiving.sdk.model.ActionListQuery;
import org.sirgiving.sdk.model.ActionPage;
import org.sirgiving.sdk.model.AllocationRequest;
import org.sirgiving.sdk.model.Campaign;
import org.sirgiving.sdk.model.CampaignRequest;
import org.sirgiving.sdk.model.CreateDonationLinkRequest;
import org.sirgiving.sdk.model.CreateUserRequest;
import org.sirgiving.sdk.model.Dashboard;
import org.sirgiving.sdk.model.Donation;
import org.sirgiving.sdk.model.DonationLink;
import org.sirgiving.sdk.model.IssuedWebhookEndpoint;
import org.sirgiving.sdk.model.LedgerEntry;
import org.sirgiving.sdk.model.Organization;
import org.sirgiving.sdk.model.Page;
import org.sirgiving.sdk.model.PartnerConfig;
import org.sirgiving.sdk.model.PartnerUser;
import org.sirgiving.sdk.model.RequestAllocationRequest;
import org.sirgiving.sdk.model.ReverseActionRequest;
import org.sirgiving.sdk.model.SubmitActionRequest;
import org.sirgiving.sdk.model.TokenPool;
import org.sirgiving.sdk.model.Transaction;
import org.sirgiving.sdk.model.UpdatePartnerConfigRequest;
import org.sirgiving.sdk.model.UpdateUserRequest;
import org.sirgiving.sdk.model.UserBalance;
import org.sirgiving.sdk.model.WebhookDelivery;
import org.sirgiving.sdk.model.WebhookEndpoint;
import org.sirgiving.sdk.model.WebhookEndpointRequest;

/**
 * The partner API as a server integrates it: actions, users, token pools, campaigns, webhooks, donations (organizations,
 * donation links, their status), the widget configuration and the dashboard, every request signed (docs/partner-api.md
 * section 3; the widget surface takes a secret key only signed, which this client always does). Thread-safe: make one per key and share it.
 *
 * <pre>{@code
 * SirPartnerClient sir = SirPartnerClient.builder()
 *         .baseUrl("https://api.sirgiving.org")
 *         .partnerKey(System.getenv("SIR_SECRET_KEY"))   // sk_test_… or sk_live_…
 *         .hmacSecret(System.getenv("SIR_HMAC_SECRET"))
 *         .build();
 * Action action = sir.submitAction(SubmitActionRequest.builder()
 *         .idempotencyKey("order-98765").actionType(ActionType.PURCHASE).amount("49.99").currency("USD")
 *         .stakeholder(Stakeholder.of("CUSTOMER", "user-42")).autoCreateUsers(true).build());
 * }</pre>
 *
 * Failures are {@link SirApiException} (an error answer, with its {@link ErrorCode}) or {@link SirTransportException}
 * (no answer). Creates without an idempotency key of the caller's get one per call, so the SDK's own retries of them
 * are safe; pass a key of your own to make your retries (a later run, another process) safe too.
 */
public final class SirPartnerClient {
    private static final String ACTIONS = "/v1/partner/actions";
    private static final String USERS = "/v1/partner/users";
    private static final String POOLS = "/v1/partner/token-pools";
    private static final String CAMPAIGNS = "/v1/partner/campaigns";
    private static final String WEBHOOKS = "/v1/partner/webhooks";
    private static final String ORGANIZATIONS = "/v1/partner/organizations";
    private static final String DONATIONS = "/v1/partner/donations";
    private static final String CONFIG = "/v1/partner/config";
    private static final String DASHBOARD = "/v1/partner/dashboard";

    private final Transport transport;
    private final ObjectMapper json;

    private SirPartnerClient(Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON mapper the client reads and writes models with (for {@code metadata} and webhook data). */
    public ObjectMapper json() {
        return json;
    }

    // ---- Actions (docs/partner-api.md section 4)

    /**
     * Submits an action, idempotently: the same key and the same bytes on every retry. Returns the action whether the
     * reward was decided at once (200 {@code COMPLETED}), is still being decided (202 {@code PENDING}: the outcome
     * comes by webhook and {@link #getAction}), or the key was used before with the same request (409
     * {@code IDEMPOTENT}: the original). A refusal is a {@link SirApiException} whose {@code resultAs(Action.class)} is
     * the failed action (402 {@code INSUFFICIENT_POOL}, 422 {@code USER_NOT_FOUND}).
     */
    public Action submitAction(SubmitActionRequest request) {
        return submitActionWithResponse(request).data();
    }

    /** {@link #submitAction} with the status, request id, rate limit and whether it was a replay. */
    public ApiResponse<Action> submitActionWithResponse(SubmitActionRequest request) {
        Objects.requireNonNull(request.idempotencyKey(), "idempotencyKey is required: one per real-world event");
        return send("POST", ACTIONS + "/submit", request, Map.of(), true, Action.class);
    }

    public Action getAction(String actionId) {
        return get(ACTIONS + "/" + segment(actionId), Action.class);
    }

    /** One page, newest first; {@code query.withCursor(page.nextCursor())} fetches the next. */
    public ActionPage listActions(ActionListQuery query) {
        Query q = new Query()
                .add("status", query.status())
                .add("actionType", query.actionType())
                .add("from", query.from())
                .add("to", query.to())
                .add("cursor", query.cursor())
                .add("limit", query.limit());
        return get(ACTIONS + q, ActionPage.class);
    }

    /** Returns the tokens to the pool and marks the action REVERSED (again: the same result). */
    public Action reverseAction(String actionId, ReverseActionRequest request) {
        return send("POST", ACTIONS + "/" + segment(actionId) + "/reverse", request, Map.of(), true, Action.class)
                .data();
    }

    // ---- Users (section 5)

    public PartnerUser createUser(CreateUserRequest request) {
        return createUser(request, null);
    }

    /** With {@code idempotencyKey} null, one is made for this call. */
    public PartnerUser createUser(CreateUserRequest request, String idempotencyKey) {
        return create(USERS, request, idempotencyKey, PartnerUser.class);
    }

    public PartnerUser getUser(String externalId) {
        return get(USERS + "/" + segment(externalId), PartnerUser.class);
    }

    public PartnerUser updateUser(String externalId, UpdateUserRequest request) {
        return send("PATCH", USERS + "/" + segment(externalId), request, Map.of(), false, PartnerUser.class)
                .data();
    }

    public Page<PartnerUser> listUsers(int page, int limit) {
        return get(USERS + paging(page, limit), pageOf(PartnerUser.class));
    }

    public UserBalance getUserBalance(String externalId) {
        return get(USERS + "/" + segment(externalId) + "/balance", UserBalance.class);
    }

    public Page<Transaction> listUserTransactions(String externalId, int page, int limit) {
        return get(
                USERS + "/" + segment(externalId) + "/transactions" + paging(page, limit), pageOf(Transaction.class));
    }

    // ---- Token pools (section 5)

    public Page<TokenPool> listTokenPools(int page, int limit) {
        return get(POOLS + paging(page, limit), pageOf(TokenPool.class));
    }

    public TokenPool getTokenPool(String poolId) {
        return get(POOLS + "/" + segment(poolId), TokenPool.class);
    }

    public Page<LedgerEntry> listTokenPoolLedger(String poolId, int page, int limit) {
        return get(POOLS + "/" + segment(poolId) + "/ledger" + paging(page, limit), pageOf(LedgerEntry.class));
    }

    /** Asks SIR Giving for more tokens (201, PENDING until an operator decides). */
    public AllocationRequest requestTokens(RequestAllocationRequest request, String idempotencyKey) {
        return create(POOLS + "/request", request, idempotencyKey, AllocationRequest.class);
    }

    public Page<AllocationRequest> listAllocationRequests(int page, int limit) {
        return get(POOLS + "/requests" + paging(page, limit), pageOf(AllocationRequest.class));
    }

    // ---- Campaigns (section 5)

    public Campaign createCampaign(CampaignRequest request, String idempotencyKey) {
        return create(CAMPAIGNS, request, idempotencyKey, Campaign.class);
    }

    public Campaign getCampaign(String campaignId) {
        return get(CAMPAIGNS + "/" + segment(campaignId), Campaign.class);
    }

    /** {@code status} null for all. */
    public Page<Campaign> listCampaigns(String status, int page, int limit) {
        return get(
                CAMPAIGNS + new Query().add("status", status).add("page", page).add("limit", limit),
                pageOf(Campaign.class));
    }

    public Campaign updateCampaign(String campaignId, CampaignRequest changes) {
        return send("PATCH", CAMPAIGNS + "/" + segment(campaignId), changes, Map.of(), false, Campaign.class)
                .data();
    }

    public void deleteCampaign(String campaignId) {
        send("DELETE", CAMPAIGNS + "/" + segment(campaignId), null, Map.of(), false, Void.class);
    }

    // ---- Webhooks (section 6)

    /** The answer has the endpoint's {@code whsec_…} secret, shown this once. */
    public IssuedWebhookEndpoint createWebhookEndpoint(WebhookEndpointRequest request, String idempotencyKey) {
        return create(WEBHOOKS, request, idempotencyKey, IssuedWebhookEndpoint.class);
    }

    public Page<WebhookEndpoint> listWebhookEndpoints(int page, int limit) {
        return get(WEBHOOKS + paging(page, limit), pageOf(WebhookEndpoint.class));
    }

    public WebhookEndpoint getWebhookEndpoint(String endpointId) {
        return get(WEBHOOKS + "/" + segment(endpointId), WebhookEndpoint.class);
    }

    public WebhookEndpoint updateWebhookEndpoint(String endpointId, WebhookEndpointRequest changes) {
        return send("PATCH", WEBHOOKS + "/" + segment(endpointId), changes, Map.of(), false, WebhookEndpoint.class)
                .data();
    }

    public void deleteWebhookEndpoint(String endpointId) {
        send("DELETE", WEBHOOKS + "/" + segment(endpointId), null, Map.of(), false, Void.class);
    }

    /**
     * A new secret, shown this once. Deliveries are signed with both the new and the old secret for a while (space-
     * separated signatures), so receivers can switch without losing any.
     */
    public IssuedWebhookEndpoint rotateWebhookSecret(String endpointId) {
        return send(
                        "POST",
                        WEBHOOKS + "/" + segment(endpointId) + "/rotate-secret",
                        null,
                        Map.of(),
                        false,
                        IssuedWebhookEndpoint.class)
                .data();
    }

    /** The secret of an endpoint SIR Giving set up from a production approval, once (then 409 CONFLICT). */
    public IssuedWebhookEndpoint revealWebhookSecret(String endpointId) {
        return send(
                        "POST",
                        WEBHOOKS + "/" + segment(endpointId) + "/reveal-secret",
                        null,
                        Map.of(),
                        false,
                        IssuedWebhookEndpoint.class)
                .data();
    }

    /** Queues a test event to the endpoint (202). */
    public WebhookDelivery sendTestWebhook(String endpointId) {
        return send(
                        "POST",
                        WEBHOOKS + "/" + segment(endpointId) + "/test",
                        null,
                        Map.of(),
                        false,
                        WebhookDelivery.class)
                .data();
    }

    /** The endpoint's deliveries, newest first, each with its attempts. */
    public Page<WebhookDelivery> listWebhookDeliveries(String endpointId, int page, int limit) {
        return get(
                WEBHOOKS + "/" + segment(endpointId) + "/deliveries" + paging(page, limit),
                pageOf(WebhookDelivery.class));
    }

    /** Sends a failed or exhausted delivery again (202). */
    public WebhookDelivery redeliverWebhook(String deliveryId) {
        return send(
                        "POST",
                        WEBHOOKS + "/deliveries/" + segment(deliveryId) + "/redeliver",
                        null,
                        Map.of(),
                        false,
                        WebhookDelivery.class)
                .data();
    }

    // ---- Donations (section 7; docs/partners/donations.md)

    /** The nonprofit a donation link would name, by its slug; 404 {@code NOT_FOUND} when there is none. */
    public Organization getOrganization(String slug) {
        return get(ORGANIZATIONS + "/" + segment(slug), Organization.class);
    }

    /**
     * ACTIVE nonprofits whose name or slug contains {@code query} (any case, at most 100 characters; null for all), by
     * name, one page at a time.
     */
    public Page<Organization> searchOrganizations(String query, int page, int limit) {
        return get(
                ORGANIZATIONS
                        + new Query().add("query", query).add("page", page).add("limit", limit),
                pageOf(Organization.class));
    }

    public DonationLink createDonationLink(CreateDonationLinkRequest request) {
        return createDonationLink(request, null);
    }

    /**
     * Creates a donation and the link to send the donor to (201). With {@code idempotencyKey} null, one is made for this
     * call; pass one of yours (a checkout or cart id) so that a later try makes no second donation.
     */
    public DonationLink createDonationLink(CreateDonationLinkRequest request, String idempotencyKey) {
        return createDonationLinkWithResponse(request, idempotencyKey).data();
    }

    /**
     * {@link #createDonationLink} with the status and whether it was a replay: the key was used before with the same
     * request (409 {@code IDEMPOTENT}), and {@code data} is the original link.
     */
    public ApiResponse<DonationLink> createDonationLinkWithResponse(
            CreateDonationLinkRequest request, String idempotencyKey) {
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        return send(
                "POST", DONATIONS + "/create-link", request, Map.of("Idempotency-Key", key), true, DonationLink.class);
    }

    /** The donation as it is now, its charges and their rewards, by the id create-link answered. */
    public Donation getDonationStatus(String partnerDonationId) {
        return get(DONATIONS + "/status/" + segment(partnerDonationId), Donation.class);
    }

    // ---- Widget configuration and dashboard (sections 5 and 7)

    /** The partner's widget configuration, with the tip settings and allowed origins of this key's environment. */
    public PartnerConfig getPartnerConfig() {
        return get(CONFIG, PartnerConfig.class);
    }

    /**
     * Sets the tip and the allowed browser origins of this key's environment (secret key only; null fields stay as they
     * are). Every service applies it within seconds. Not resent after a lost connection, as every update.
     */
    public PartnerConfig updatePartnerConfig(UpdatePartnerConfigRequest changes) {
        return send("PATCH", CONFIG, changes, Map.of(), false, PartnerConfig.class)
                .data();
    }

    /** The last 30 days' figures of this key's environment. */
    public Dashboard getDashboard() {
        return getDashboard(null, null);
    }

    /**
     * The figures of {@code [from, to]}: ISO-8601 instants or dates ({@code to} as a date includes that day); null for
     * the default (the last 30 days).
     */
    public Dashboard getDashboard(String from, String to) {
        return get(DASHBOARD + new Query().add("from", from).add("to", to), Dashboard.class);
    }

    // ---- plumbing

    private <T> T get(String path, Class<T> type) {
        return get(path, json.constructType(type));
    }

    private <T> T get(String path, JavaType type) {
        return transport
                .<T>send(new Transport.Call("GET", path, null, Map.of(), true), type)
                .data();
    }

    /** A create under an {@code Idempotency-Key} (one made for the call when none is given): safe to retry. */
    private <T> T create(String path, Object body, String idempotencyKey, Class<T> type) {
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        return send("POST", path, body, Map.of("Idempotency-Key", key), true, type)
                .data();
    }

    private <T> ApiResponse<T> send(
            String method, String path, Object body, Map<String, String> headers, boolean idempotent, Class<T> type) {
        // serialized once: every retry sends these very bytes, so the server sees the same request
        byte[] bytes = body == null ? null : bytes(body);
        return transport.send(new Transport.Call(method, path, bytes, headers, idempotent), json.constructType(type));
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request cannot be written as JSON", e);
        }
    }

    private JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(Page.class, item);
    }

    private static String paging(int page, int limit) {
        return new Query().add("page", page).add("limit", limit).toString();
    }

    /** A path segment, percent-encoded (RFC 3986: only unreserved characters stay as they are). */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an id is required");
        }
        return PercentEncoding.encode(value);
    }

    /** A query string of the non-null parameters, in the order added. */
    private static final class Query {
        private final Map<String, String> params = new LinkedHashMap<>();

        Query add(String name, Object value) {
            if (value != null) {
                params.put(name, value.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            params.forEach((k, v) -> out.append(out.length() == 0 ? '?' : '&')
                    .append(PercentEncoding.encode(k))
                    .append('=')
                    .append(PercentEncoding.encode(v)));
            return out.toString();
        }
    }

    public static final class Builder {
        private URI baseUrl;
        private String partnerKey;
        private String hmacSecret;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        private Builder() {}

        /** Scheme, host and port of the API (the gateway), e.g. {@code https://api.sirgiving.org}. */
        public Builder baseUrl(String baseUrl) {
            String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            this.baseUrl = URI.create(trimmed);
            return this;
        }

        /** {@code sk_test_…}/{@code sk_live_…} for everything; a {@code pk_} signs reads only. */
        public Builder partnerKey(String partnerKey) {
            this.partnerKey = partnerKey;
            return this;
        }

        /** The 64-hex-digit HMAC secret issued with the key. */
        public Builder hmacSecret(String hmacSecret) {
            this.hmacSecret = hmacSecret;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        /** How long one attempt may take, answer included. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy);
            return this;
        }

        /** The clock {@code X-Timestamp} is read from (tests pin it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** An HTTP client of the caller's (proxy, TLS settings); its own connect timeout then applies. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient);
            return this;
        }

        public SirPartnerClient build() {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (partnerKey == null || !(partnerKey.startsWith("sk_") || partnerKey.startsWith("pk_"))) {
                throw new IllegalArgumentException("partnerKey must be an sk_… or pk_… key");
            }
            if (hmacSecret == null || hmacSecret.isBlank()) {
                throw new IllegalArgumentException("hmacSecret is required");
            }
            HttpClient http = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            ObjectMapper json = Json.newMapper();
            Transport transport = new Transport(
                    baseUrl,
                    new RequestSigner(partnerKey, hmacSecret, clock),
                    http,
                    requestTimeout,
                    retryPolicy,
                    clock,
                    json);
            return new SirPartnerClient(transport, json);
        }
    }
}
