package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.rewards.service.DeadLetterRedrive;

/**
 * Operators re-drive a dead-letter queue ({@link DeadLetterRedrive}). Served by rewards-service for every topic; the
 * gateway routes {@code /v1/admin/dlq} here.
 */
@Path("/v1/admin/dlq")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
public class AdminDeadLettersResource {
    private final DeadLetterRedrive redrive;

    public record Redrive(String topic, String deadLetterTopic, int redriven) {}

    public AdminDeadLettersResource(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @POST
    @Path("/{topic}/redrive")
    public Uni<Redrive> redrive(@PathParam("topic") String topic) {
        return redrive.redrive(topic).map(r -> new Redrive(r.topic(), r.deadLetterTopic(), r.count()));
    }
}
