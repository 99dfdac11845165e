package org.sirgiving.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.TopicWriter;

/**
 * Plays rewards-service on the real topics: reads {@code sir.actions.v1} and answers on
 * {@code sir.reward-lifecycle.v1} as the test tells it to (per idempotency key).
 */
final class FakeRewardsService implements AutoCloseable {
    enum Reply {
        COMPLETE,
        INSUFFICIENT_POOL,
        INVALID_ACTION,
        SILENT
    }

    final List<ActionSubmitted> received = new CopyOnWriteArrayList<>();
    final List<ReversalRequested> reversals = new CopyOnWriteArrayList<>();
    /** Every record read that does not match its closed schema in docs/events (the producer side stays strict). */
    final List<String> schemaProblems = new CopyOnWriteArrayList<>();

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    FakeRewardsService() {
        thread = new Thread(this::run, "fake-rewards");
        thread.setDaemon(true);
        thread.start();
    }

    void replyTo(String idempotencyKey, Reply reply) {
        replies.put(idempotencyKey, reply);
    }

    long submissionsOf(String idempotencyKey) {
        return received.stream()
                .filter(a -> a.idempotencyKey().equals(idempotencyKey))
                .count();
    }

    static void publishOutcome(EventEnvelope cause, ActionOutcome outcome) {
        String type =
                outcome.status() == OutcomeStatus.COMPLETED ? EventTypes.ACTION_COMPLETED : EventTypes.ACTION_FAILED;
        TopicWriter.send(
                Topics.REWARD_LIFECYCLE,
                cause.partnerId(),
                EventEnvelope.of(type, cause.partnerId(), cause.environment(), cause.correlationId(), outcome));
    }

    private void run() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fake-rewards-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.ACTIONS));
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    EventEnvelope e = EventJson.readEnvelope(r.value());
                    checkSchema(r.value());
                    if (EventTypes.ACTION_REVERSAL_REQUESTED.equals(e.type())) {
                        ReversalRequested rr = e.dataAs(ReversalRequested.class);
                        reversals.add(rr);
                        TopicWriter.send(
                                Topics.REWARD_LIFECYCLE,
                                e.partnerId(),
                                EventEnvelope.of(
                                        EventTypes.ACTION_REVERSED,
                                        e.partnerId(),
                                        e.environment(),
                                        e.correlationId(),
                                        new ActionOutcome(
                                                rr.actionId(),
                                                null,
                                                null,
                                                OutcomeStatus.REVERSED,
                                                0,
                                                List.of("txn_rev_"
                                                        + rr.actionId().substring(4)),
                                                null,
                                                null,
                                                0,
                                                rr.metadata())));
                        continue;
                    }
                    if (!EventTypes.ACTION_SUBMITTED.equals(e.type())) {
                        continue;
                    }
                    ActionSubmitted a = e.dataAs(ActionSubmitted.class);
                    received.add(a);
                    switch (replies.getOrDefault(a.idempotencyKey(), Reply.COMPLETE)) {
                        case COMPLETE ->
                            publishOutcome(
                                    e,
                                    new ActionOutcome(
                                            a.actionId(),
                                            a.idempotencyKey(),
                                            a.actionType(),
                                            OutcomeStatus.COMPLETED,
                                            a.amount()
                                                    .setScale(0, RoundingMode.HALF_UP)
                                                    .longValue(),
                                            List.of("txn_" + a.actionId().substring(4)),
                                            null,
                                            null,
                                            a.attempt(),
                                            a.metadata()));
                        case INSUFFICIENT_POOL ->
                            publishOutcome(
                                    e,
                                    new ActionOutcome(
                                            a.actionId(),
                                            a.idempotencyKey(),
                                            a.actionType(),
                                            OutcomeStatus.FAILED,
                                            0,
                                            List.of(),
                                            FailureCode.INSUFFICIENT_POOL,
                                            "Pool too small",
                                            a.attempt(),
                                            a.metadata()));
                        case INVALID_ACTION ->
                            publishOutcome(
                                    e,
                                    new ActionOutcome(
                                            a.actionId(),
                                            a.idempotencyKey(),
                                            a.actionType(),
                                            OutcomeStatus.FAILED,
                                            0,
                                            List.of(),
                                            FailureCode.INVALID_ACTION,
                                            "The action's data cannot be stored (SQLSTATE 22021)",
                                            a.attempt(),
                                            a.metadata()));
                        case SILENT -> {}
                    }
                }
            }
        }
    }

    private void checkSchema(String raw) {
        try {
            EventSchemas.CLOSED.problems(EventJson.MAPPER.readTree(raw)).forEach(schemaProblems::add);
        } catch (JsonProcessingException e) {
            schemaProblems.add("not JSON: " + raw);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
