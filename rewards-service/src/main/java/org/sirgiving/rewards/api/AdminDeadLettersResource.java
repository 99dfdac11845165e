package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.openapi.OpenApiNames;
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

    @Schema(
            name = "DeadLetterRedrive",
            description = "How many records were moved from a dead-letter queue back to its topic.",
            requiredProperties = {"topic", "deadLetterTopic", "redriven"})
    public record Redrive(
            @Schema(examples = "sir.actions.v1") String topic,
            @Schema(examples = "sir.actions.v1.dlq") String deadLetterTopic,
            @Schema(examples = "3") int redriven) {}

    public AdminDeadLettersResource(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @POST
    @Path("/{topic}/redrive")
    @Operation(
            operationId = "adminRedriveDeadLetters",
            summary = "Re-drive a dead-letter queue",
            description = "Moves the records of a topic's dead-letter queue back to the topic, to be consumed again.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "What was re-driven.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Redrive.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Redrive> redrive(
            @Parameter(description = "The topic whose dead-letter queue to re-drive.", example = "sir.actions.v1")
                    @PathParam("topic")
                    String topic) {
        return redrive.redrive(topic).map(r -> new Redrive(r.topic(), r.deadLetterTopic(), r.count()));
    }
}
