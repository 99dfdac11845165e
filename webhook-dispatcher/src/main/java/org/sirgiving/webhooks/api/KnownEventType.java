package org.sirgiving.webhooks.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.sirgiving.webhooks.domain.WebhookEventTypes;

/** An event type partners can subscribe to (docs/partner-api.md section 6). */
@Constraint(validatedBy = KnownEventType.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownEventType {
    String message() default "must be a known event type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownEventType, String> {
        private static final String MESSAGE = "must be one of " + String.join(", ", WebhookEventTypes.SUBSCRIBABLE);

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || WebhookEventTypes.isSubscribable(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(MESSAGE).addConstraintViolation();
            return false;
        }
    }
}
