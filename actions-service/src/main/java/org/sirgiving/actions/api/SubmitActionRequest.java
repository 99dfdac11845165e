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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.ActionType;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.JsonObjectOfAtMost;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.kernel.validation.UrlPathSegment;

/**
 * {@code POST /v1/partner/actions/submit} (docs/partner-api.md section 4). {@code actionType} stays a string so that a
 * wrong value is a 400 naming the field ({@link OneOf}); the document shows it as the enum it is.
 */
@Schema(name = "SubmitActionRequest", description = "One real-world event to reward.")
public record SubmitActionRequest(
        @Schema(
                description = "Names the event, one per real-world event; send the same key on every retry."
                        + " Scoped to your partner and environment, kept as long as the action exists. No"
                        + " control characters.",
                minLength = 1,
                examples = "purchase_98765")
        @NotBlank @Size(max = 255) @Identifier String idempotencyKey,

        @Schema(required = true, ref = "ActionType") @NotNull @OneOf(ActionType.class)
        String actionType,

        @Schema(description = "In currency units, at most 2 decimals.", examples = "49.99")
        @NotNull @DecimalMin(value = "0", message = "must be 0 or more") @Digits(integer = 13, fraction = 2, message = "must have at most 2 decimals") BigDecimal amount,

        @Schema(description = "ISO 4217 code, upper case.", pattern = "^[A-Z]{3}$", examples = "USD") @NotNull @Iso4217
        String currency,

        @Schema(description = "The people the action rewards; the tokens are split among them.")
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid StakeholderRequest> stakeholders,

        @Schema(
                description = "Create users for unknown `partnerUserId`s; when false, an unknown user answers"
                        + " 422 `USER_NOT_FOUND`.",
                defaultValue = "false")
        Boolean autoCreateUsers,

        // Free-form: JsonNode would be documented as Jackson's own getters.
        @Schema(
                type = SchemaType.OBJECT,
                implementation = Object.class,
                additionalProperties = Schema.True.class,
                description = "Any JSON object of at most 8 KiB, stored and echoed in every answer and webhook"
                        + " about the action.",
                examples = "{\"orderId\":\"order-98765\"}")
        @JsonObjectOfAtMost(bytes = 8192)
        JsonNode metadata) {

    /** The contract's submit example (README step 4), shown in the document. */
    static final String EXAMPLE = "{\"idempotencyKey\":\"purchase_98765\",\"actionType\":\"PURCHASE\",\"amount\":49.99,"
            + "\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\"user-42\"}],"
            + "\"autoCreateUsers\":true,\"metadata\":{\"orderId\":\"order-98765\"}}";

    @Schema(name = "ActionStakeholder", description = "One person an action rewards.")
    public record StakeholderRequest(
            @Schema(
                    description = "Your role for this person, e.g. `CUSTOMER`, `REFERRER`; campaigns split by it.",
                    examples = "CUSTOMER")
            @NotBlank @Size(max = 64) @Identifier String stakeholderTypeCode,

            @Schema(
                    description =
                            "Your id for the user; not `.` or `..` nor starting with `./`, `../`, `.\\` or `..\\` (it goes in URL paths).",
                    examples = "user-42")
            @NotBlank @Size(max = 255) @Identifier @UrlPathSegment
            String partnerUserId,

            @Schema(format = "email", description = "Used when the user is created.") @Email @Size(max = 320) String userEmail,

            @Schema(description = "Used when the user is created.") @Size(max = 100) String userFirstName,

            @Schema(description = "Used when the user is created.") @Size(max = 100) String userLastName) {}
}
