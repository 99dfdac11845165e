package org.sirgiving.actions.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.sirgiving.kernel.validation.Identifier;

/** {@code POST /v1/partner/actions/{actionId}/reverse}. */
public record ReverseActionRequest(
        @NotBlank @Size(max = 500) String reason,
        @NotBlank @Size(max = 255) @Identifier String idempotencyKey) {}
