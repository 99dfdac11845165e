package org.sirgiving.webhooks.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sirgiving.webhooks.service.WebhookUrls;

/**
 * An absolute https URL with a host (plain http only where {@code sir.webhooks.allow-http} says), without
 * credentials or fragment ({@link WebhookUrls}). Where it may point is {@code service/TargetPolicy}'s question.
 */
@Constraint(validatedBy = WebhookUrl.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface WebhookUrl {
    /** {@link org.sirgiving.webhooks.service.WebhookConfig#allowHttp()}. */
    String ALLOW_HTTP = "sir.webhooks.allow-http";

    String message() default "must be an absolute https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<WebhookUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            // Read when validating: validators are built at static init, before runtime configuration exists.
            boolean allowHttp = ConfigProvider.getConfig()
                    .getOptionalValue(ALLOW_HTTP, Boolean.class)
                    .orElse(false);
            String problem = WebhookUrls.problem(value.trim(), allowHttp);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
