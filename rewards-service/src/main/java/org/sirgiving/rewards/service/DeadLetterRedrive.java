package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.messaging.DeadLetterQueue;

/**
 * Operators re-drive a dead-letter queue once its cause is fixed: every record waiting in {@code <topic>.dlq} is
 * published to {@code <topic>} again, once. The consumers are idempotent, so a re-driven record is processed like a
 * first delivery. Any topic of {@link Topics} with a DLQ can be re-driven here (it is one Kafka call).
 */
@ApplicationScoped
public class DeadLetterRedrive {
    private final DeadLetterQueue dlq;

    /** How many records of {@code deadLetterTopic} went back to {@code topic}. */
    public record Redriven(String topic, String deadLetterTopic, int count) {}

    public DeadLetterRedrive(DeadLetterQueue dlq) {
        this.dlq = dlq;
    }

    /** 404 for a topic without a dead-letter queue. */
    public Uni<Redriven> redrive(String topic) {
        String deadLetterTopic = Topics.dlq(topic);
        boolean known = Topics.ALL.stream().map(TopicSpec::name).anyMatch(deadLetterTopic::equals);
        if (!known) {
            throw ApiException.notFound("Dead-letter queue");
        }
        return dlq.redrive(topic).map(n -> new Redriven(topic, deadLetterTopic, n));
    }
}
