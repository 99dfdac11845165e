package org.sirgiving.actions.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.JsonObjectOfAtMost;
import org.sirgiving.kernel.validation.OneOf;

/** {@code POST /v1/partner/actions/submit} (docs/partner-api.md section 4). */
public record SubmitActionRequest(
        @NotBlank @Size(max = 255) @Identifier String idempotencyKey,

        @NotNull @OneOf(ActionType.class) String actionType,

        @NotNull @DecimalMin(value = "0", message = "must be 0 or more") @Digits(integer = 13, fraction = 2, message = "must have at most 2 decimals") BigDecimal amount,

        @NotNull @Iso4217 String currency,
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid StakeholderRequest> stakeholders,
        Boolean autoCreateUsers,
        @JsonObjectOfAtMost(bytes = 8192) JsonNode metadata) {

    public record StakeholderRequest(
            @NotBlank @Size(max = 64) @Identifier String stakeholderTypeCode,
            @NotBlank @Size(max = 255) @Identifier String partnerUserId,
            @Email @Size(max = 320) String userEmail,
            @Size(max = 100) String userFirstName,
            @Size(max = 100) String userLastName) {}
}
