package org.sirgiving.rewards.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TestPartners;

/** What the rewards tests share: actions and reversals as actions-service publishes them, pools, operators. */
public final class Fixtures {
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaProducer<String, String> producer;

    /** A partner whose key is {@code env}'s and who is approved for production, with its pool (if asked) funded. */
    public record Tenant(TestPartners.Partner partner, Environment env, String poolId) {
        public String partnerId() {
            return partner.partnerId();
        }
    }

    public static EventEnvelope action(
            TestPartners.Partner p,
            Environment env,
            ActionType actionType,
            String amount,
            boolean autoCreate,
            List<Stakeholder> stakeholders) {
        String actionId = "act_" + Crypto.randomHex(12);
        ActionSubmitted data = new ActionSubmitted(
                actionId,
                "k_" + actionId,
                actionType,
                new BigDecimal(amount),
                "USD",
                stakeholders,
                autoCreate,
                null,
                Instant.now(),
                1);
        return EventEnvelope.of(EventTypes.ACTION_SUBMITTED, p.partnerId(), env, "corr-" + actionId, data);
    }

    /** The same action, submitted with the partner's {@code metadata}. */
    public static EventEnvelope withMetadata(EventEnvelope action, JsonNode metadata) {
        ActionSubmitted a = action.dataAs(ActionSubmitted.class);
        ActionSubmitted data = new ActionSubmitted(
                a.actionId(),
                a.idempotencyKey(),
                a.actionType(),
                a.amount(),
                a.currency(),
                a.stakeholders(),
                a.autoCreateUsers(),
                metadata,
                a.submittedAt(),
                a.attempt());
        return EventEnvelope.of(
                EventTypes.ACTION_SUBMITTED, action.partnerId(), action.environment(), action.correlationId(), data);
    }

    /** A sandbox PURCHASE with one CUSTOMER stakeholder per user, users created on the fly. */
    public static EventEnvelope action(TestPartners.Partner p, String amount, String... users) {
        return action(p, Environment.SANDBOX, ActionType.PURCHASE, amount, true, customers(users));
    }

    public static List<Stakeholder> customers(String... users) {
        return IntStream.range(0, users.length)
                .mapToObj(i -> new Stakeholder("CUSTOMER", users[i], null, null, null))
                .toList();
    }

    public static Stakeholder stakeholder(String type, String user) {
        return new Stakeholder(type, user, null, null, null);
    }

    public static EventEnvelope reversal(TestPartners.Partner p, Environment env, String actionId, String reason) {
        return EventEnvelope.of(
                EventTypes.ACTION_REVERSAL_REQUESTED,
                p.partnerId(),
                env,
                "corr-rev-" + actionId,
                new ReversalRequested(actionId, reason, "rev_" + Crypto.randomHex(6), Instant.now(), null));
    }

    public static String actionId(EventEnvelope action) {
        return action.data().path("actionId").asText();
    }

    /** Publishes to sir.actions.v1 keyed by partner, as actions-service does. */
    public static synchronized void publish(EventEnvelope e) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.LINGER_MS_CONFIG, "5"));
        }
        try {
            producer.send(new ProducerRecord<>(Topics.ACTIONS, e.partnerId(), EventJson.write(e)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The action.completed / action.failed of this action. */
    public static EventEnvelope outcome(EventEnvelope action) {
        String id = actionId(action);
        return LifecycleEvents.await(
                e -> (e.type().equals(EventTypes.ACTION_COMPLETED) || e.type().equals(EventTypes.ACTION_FAILED))
                        && id.equals(e.data().path("actionId").asText()),
                WAIT);
    }

    public static List<EventEnvelope> reversedEvents(String actionId) {
        return LifecycleEvents.matching(LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", actionId));
    }

    public static String operator() {
        return TestJwt.token("op_" + Crypto.randomHex(4), "operator");
    }

    public static RequestSpecification asOperator() {
        return RestAssured.given()
                .header("Authorization", "Bearer " + operator())
                .contentType("application/json");
    }

    /**
     * A production partner approved by keys-service (its credential record says so) with a production pool of
     * {@code allocation} tokens created by an operator, plus any restrictions (JSON object body, or null).
     */
    public static Tenant productionTenant(long allocation, String restrictionsJson) {
        TestPartners.Partner p = TestPartners.issue(
                "ptn_" + Crypto.randomHex(12), Environment.PRODUCTION, true, null, "ACTIVE", true, List.of());
        String body = "{\"partnerId\":\"" + p.partnerId() + "\",\"environment\":\"production\",\"initialAllocation\":"
                + allocation + (restrictionsJson == null ? "" : ",\"restrictions\":" + restrictionsJson) + "}";
        String[] poolId = new String[1];
        // The approval arrives with the credential record; until then the operator is refused (403).
        await().atMost(WAIT).until(() -> {
            Response r = asOperator().body(body).post("/v1/admin/token-pools");
            if (r.statusCode() == 201) {
                poolId[0] = r.path("id");
                return true;
            }
            if (r.statusCode() != 403) {
                throw new AssertionError("Pool creation answered " + r.statusCode() + ": " + r.asString());
            }
            return false;
        });
        return new Tenant(p, Environment.PRODUCTION, poolId[0]);
    }

    /** A sandbox partner whose sandbox pool exists (provisioned from its credential record). */
    public static Tenant sandboxTenant() {
        TestPartners.Partner p = TestPartners.sandbox();
        String[] poolId = new String[1];
        await().atMost(WAIT).until(() -> {
            Response r = SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools", null);
            if (r.statusCode() == 200 && r.jsonPath().getList("data").size() == 1) {
                poolId[0] = r.path("data[0].id");
                return true;
            }
            return false;
        });
        return new Tenant(p, Environment.SANDBOX, poolId[0]);
    }

    public static Response pool(Tenant t) {
        return SignedRequests.send(t.partner().keys(), false, "GET", "/v1/partner/token-pools/" + t.poolId(), null);
    }

    public static long balance(Tenant t) {
        return ((Number) pool(t).then().statusCode(200).extract().path("balance")).longValue();
    }

    public static Response signed(Tenant t, boolean secret, String method, String path, String body) {
        return SignedRequests.send(t.partner().keys(), secret, method, path, body);
    }

    /** Runs {@code work} on a fresh duplicated Vert.x context (its own Hibernate session), as a consumer would. */
    public static <T> CompletableFuture<T> onVertx(Vertx vertx, Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(ctx, true);
        ctx.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }

    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Fixtures() {}
}
