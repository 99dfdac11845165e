package org.sirgiving.webhooks.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/** A new endpoint receives something: {@code receiveAllEvents: true} or at least one event type (reported on eventTypes). */
@Constraint(validatedBy = SubscribesToEvents.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SubscribesToEvents {
    String message() default WebhookEndpoint.MUST_SUBSCRIBE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SubscribesToEvents, WebhookDtos.CreateEndpointRequest> {
        @Override
        public boolean isValid(WebhookDtos.CreateEndpointRequest r, ConstraintValidatorContext context) {
            if (r == null
                    || Boolean.TRUE.equals(r.receiveAllEvents())
                    || (r.eventTypes() != null && !r.eventTypes().isEmpty())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(WebhookEndpoint.MUST_SUBSCRIBE)
                    .addPropertyNode("eventTypes")
                    .addConstraintViolation();
            return false;
        }
    }
}
