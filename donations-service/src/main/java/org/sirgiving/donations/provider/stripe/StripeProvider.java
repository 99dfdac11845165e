package org.sirgiving.donations.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.sirgiving.donations.provider.CheckoutLink;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.PaymentProvider;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * Production Stripe: a Checkout Session created through Stripe's documented HTTP API, and its {@code url} is the
 * donation link. Plain HTTP on the Vert.x web client rather than stripe-java: stripe-java is not available to this
 * build, and the one call we make (a form POST, two fields read back) needs no SDK; the client is non-blocking like the
 * rest of the service, and webhook-dispatcher already uses it. Each donation's session is created with the
 * {@code Idempotency-Key} header Stripe documents, so a retried create-link never opens a second session.
 */
@Singleton
public class StripeProvider implements PaymentProvider {
    private static final Logger LOG = Logger.getLogger(StripeProvider.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StripeSettings settings;
    private final WebClient client;
    private final ObjectMapper json;

    public StripeProvider(Vertx vertx, StripeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setConnectTimeout((int) TIMEOUT.toMillis())
                        .setUserAgent("SIRGiving-Donations/1.0"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Provider provider() {
        return Provider.STRIPE;
    }

    @Override
    public Uni<CheckoutLink> createCheckout(CheckoutRequest request) {
        if (settings.secretKey().isEmpty()) {
            return Uni.createFrom().failure(new ProviderUnavailable("Stripe is not configured on this platform"));
        }
        String form = StripeCheckoutForm.encode(StripeCheckoutForm.fields(request, settings));
        return client.postAbs(settings.apiBaseUrl() + "/v1/checkout/sessions")
                .bearerTokenAuthentication(settings.secretKey().get())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Idempotency-Key", "sir-checkout-" + request.partnerDonationId())
                .timeout(TIMEOUT.toMillis())
                .sendBuffer(Buffer.buffer(form))
                .onFailure()
                .transform(e -> {
                    LOG.warnf("Stripe checkout for %s failed: %s", request.partnerDonationId(), e.toString());
                    return new ProviderUnavailable("Stripe could not be reached; try again");
                })
                .map(response -> link(request, response));
    }

    private CheckoutLink link(CheckoutRequest request, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = parse(response);
        if (status >= 200 && status < 300) {
            String url = body.path("url").asText(null);
            String id = body.path("id").asText(null);
            if (url == null || id == null) {
                LOG.errorf(
                        "Stripe answered %d without a session id or url for %s", status, request.partnerDonationId());
                throw new ProviderUnavailable("Stripe answered without a checkout address; try again");
            }
            return new CheckoutLink(url, id);
        }
        JsonNode error = body.path("error");
        String type = error.path("type").asText("");
        String code = error.path("code").asText("");
        LOG.warnf("Stripe refused the checkout for %s: %d %s %s", request.partnerDonationId(), status, type, code);
        if ((status == 400 || status == 402) && type.equals("invalid_request_error")) {
            // Something about this donation Stripe will not take (an amount under its minimum for the currency, …).
            throw new ApiException(
                    ErrorCode.UNPROCESSABLE,
                    "Stripe refused this donation" + (code.isEmpty() ? "" : " (" + code + ")") + ": "
                            + error.path("message").asText("no reason given"));
        }
        // A rejected key (401/403), rate limiting, Stripe's own failures: ours or theirs, never the partner's.
        throw new ProviderUnavailable("Stripe is unavailable right now; try again");
    }

    private JsonNode parse(HttpResponse<Buffer> response) {
        try {
            Buffer body = response.body();
            return body == null ? json.createObjectNode() : json.readTree(body.getBytes());
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }
}
