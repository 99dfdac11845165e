package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One action followed by one trace, across processes: the local run exports spans over OTLP/HTTP to a collector
 * played by this test (LocalRun sets the endpoint, and a sampling ratio so small that only traces a caller starts as
 * sampled are recorded). The partner's request carries a sampled {@code traceparent}; the submit, the outbox
 * publication, rewards-service's reward, the outcome's publication, webhook-dispatcher's record and its delivery
 * attempt must all arrive as spans of that trace, each with its parent in the trace.
 */
@ExtendWith(LocalRunExtension.class)
class OneTraceFollowsAnActionTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId) {}

    @Test
    void submitRewardOutcomeAndWebhookDeliveryAreOneTrace() throws Exception {
        List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
        List<Throwable> collectorErrors = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", LocalRun.OTLP_PORT), 0);
        collector.createContext("/", exchange -> {
            try (exchange) {
                ExportTraceServiceRequest request;
                try {
                    request = ExportTraceServiceRequest.parseFrom(
                            exchange.getRequestBody().readAllBytes());
                } catch (RuntimeException | Error e) {
                    collectorErrors.add(e);
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    String service = rs.getResource().getAttributesList().stream()
                            .filter(a -> a.getKey().equals("service.name"))
                            .map(KeyValue::getValue)
                            .map(v -> v.getStringValue())
                            .findFirst()
                            .orElse("?");
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        ss.getSpansList()
                                .forEach(s -> spans.add(new ReceivedSpan(
                                        service,
                                        s.getName(),
                                        hex(s.getTraceId().toByteArray()),
                                        hex(s.getSpanId().toByteArray()),
                                        hex(s.getParentSpanId().toByteArray()))));
                    }
                }
                byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
        collector.start();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String gateway = run.gateway();
            PartnerClient.Reply issued = PartnerClient.withJwt(
                    gateway,
                    "POST",
                    "/v1/partner/keys",
                    run.token("trace-" + UUID.randomUUID(), false),
                    "{\"name\":\"traced\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
            assertEquals(201, issued.status(), issued.raw().body());
            PartnerClient partner = new PartnerClient(gateway, issued.body());
            PartnerClient.Reply hook = partner.send(
                    "POST",
                    "/v1/partner/webhooks",
                    "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"action.completed\"]}",
                    true);
            assertEquals(201, hook.status(), hook.raw().body());

            String traceId = HexFormat.of()
                    .formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                    .substring(0, 32);
            String callerSpan = traceId.substring(0, 16);
            String body = "{\"idempotencyKey\":\"traced_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\","
                    + "\"amount\":5,\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                    + "\"partnerUserId\":\"traced-user\"}],\"autoCreateUsers\":true}";
            PartnerClient.Reply submitted = partner.send(
                    "POST",
                    "/v1/partner/actions/submit",
                    body,
                    true,
                    Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
            assertEquals(200, submitted.status(), submitted.raw().body());
            String actionId = submitted.body().path("actionId").asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.received.stream()
                            .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(actionId)));

            // Every hop, each in the service that owns it (spans are exported in batches: wait for them).
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertTrue(collectorErrors.isEmpty(), "the collector could not read an export: " + collectorErrors);
                Set<String> seen = spans.stream()
                        .filter(s -> s.traceId().equals(traceId))
                        .map(s -> s.service() + ": " + s.name())
                        .collect(Collectors.toSet());
                for (String expected : List.of(
                        "actions-service: publish sir.actions.v1",
                        "rewards-service: process sir.actions.v1",
                        "rewards-service: publish sir.reward-lifecycle.v1",
                        "webhook-dispatcher: process sir.reward-lifecycle.v1",
                        "webhook-dispatcher: webhook attempt")) {
                    assertTrue(seen.contains(expected), "missing span " + expected + " in " + seen);
                }
                assertTrue(
                        seen.stream().anyMatch(s -> s.startsWith("actions-service: POST")),
                        "the submit's server span: " + seen);
            });

            // One trace, not pieces: every span's parent is the caller's span or another span of the trace. A parent
            // may come in a later export batch than its child (a client span ends after the server span it calls).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ReceivedSpan> trace =
                        spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
                Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
                for (ReceivedSpan s : trace) {
                    assertTrue(
                            s.parentSpanId().equals(callerSpan) || ids.contains(s.parentSpanId()),
                            "span " + s + " has a parent outside the trace");
                }
            });
        } finally {
            collector.stop(0);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
