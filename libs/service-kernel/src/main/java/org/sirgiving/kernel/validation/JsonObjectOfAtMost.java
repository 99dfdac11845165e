package org.sirgiving.kernel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/** A JSON object (or absent) whose compact UTF-8 serialization is at most {@code bytes} long. */
@Constraint(validatedBy = JsonObjectOfAtMost.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonObjectOfAtMost {
    int bytes();

    String message() default "must be a JSON object of at most {bytes} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<JsonObjectOfAtMost, JsonNode> {
        private int max;

        @Override
        public void initialize(JsonObjectOfAtMost annotation) {
            max = annotation.bytes();
        }

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            if (value == null || value.isNull()) {
                return true;
            }
            return value.isObject() && value.toString().getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}
