package org.sirgiving.kernel.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier a partner chooses (externalId, partnerUserId, idempotency keys, codes): {@link StorableText} and no
 * control character at all (docs/partner-api.md section 9). Ids are compared byte for byte, shown in dashboards and
 * logs and put in URLs; a tab, a line break or U+0000 in one is a broken or hostile client. Null passes (add
 * {@code @NotNull} or {@code @NotBlank} where required).
 */
@Constraint(validatedBy = Identifier.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {
    String message() default "must not contain control characters, U+0000 or an unpaired surrogate";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Identifier, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || StorableText.Rule.identifier(value);
        }
    }
}
