package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.messaging.DeadLetterQueue;

/**
 * Operators re-drive a dead-letter queue once its cause is fixed: every record waiting in {@code <topic>.dlq} is
 * published to {@code <topic>} again, once. The consumers are idempotent, so a re-driven record is processed like a
 * first delivery. Served by rewards-service for every topic (any service could: it is one Kafka call); the gateway
 * routes {@code /v1/admin/dlq} here.
 */
@Path("/v1/admin/dlq")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
public class AdminDeadLettersResource {
    private final DeadLetterQueue dlq;

    public record Redrive(String topic, String deadLetterTopic, int redriven) {}

    public AdminDeadLettersResource(DeadLetterQueue dlq) {
        this.dlq = dlq;
    }

    @POST
    @Path("/{topic}/redrive")
    public Uni<Redrive> redrive(@PathParam("topic") String topic) {
        boolean known = Topics.ALL.stream().map(TopicSpec::name).anyMatch(Topics.dlq(topic)::equals);
        if (!known) {
            throw ApiException.notFound("Dead-letter queue");
        }
        return dlq.redrive(topic).map(n -> new Redrive(topic, Topics.dlq(topic), n));
    }
}
