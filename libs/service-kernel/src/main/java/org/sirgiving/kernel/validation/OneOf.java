package org.sirgiving.kernel.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A string field that must name a constant of {@link #value()} (null passes: add {@code @NotNull} where required).
 * Request bodies keep such fields as strings so that a wrong value is a 400 with a field detail listing the allowed
 * names, not a JSON error; the enum stays the one list of them. {@link #ignoreCase()} accepts any case and lists the
 * names in lower case (environments are written {@code sandbox}, {@code production}).
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {
    Class<? extends Enum<?>> value();

    boolean ignoreCase() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, String> {
        private List<String> names;
        private boolean ignoreCase;

        @Override
        public void initialize(OneOf annotation) {
            ignoreCase = annotation.ignoreCase();
            names = Arrays.stream(annotation.value().getEnumConstants())
                    .map(e -> ignoreCase ? e.name().toLowerCase(Locale.ROOT) : e.name())
                    .toList();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || names.contains(ignoreCase ? value.toLowerCase(Locale.ROOT) : value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(describe(names)).addConstraintViolation();
            return false;
        }

        /** "must be a or b", "must be one of A, B, C". */
        static String describe(List<String> names) {
            if (names.size() == 2) {
                return "must be " + names.get(0) + " or " + names.get(1);
            }
            return "must be one of " + String.join(", ", names);
        }
    }
}
