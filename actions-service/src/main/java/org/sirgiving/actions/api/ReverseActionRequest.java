package org.sirgiving.actions.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.kernel.validation.Identifier;

/** {@code POST /v1/partner/actions/{actionId}/reverse}. */
@Schema(name = "ReverseActionRequest", description = "Why the action is reversed.")
public record ReverseActionRequest(
        @Schema(description = "Why, for your records and the `action.reversed` event.", examples = "Order refunded")
        @NotBlank @Size(max = 500) String reason,

        @Schema(description = "Your key for this reversal (no control characters).", examples = "refund_98765")
        @NotBlank @Size(max = 255) @Identifier String idempotencyKey) {}
