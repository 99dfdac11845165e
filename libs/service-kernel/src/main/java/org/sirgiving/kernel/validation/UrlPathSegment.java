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
 * An id the partner later puts in a URL path (a user's externalId, alias partnerUserId): it must not read as a dot
 * segment there. {@code .} and {@code ..}, or a leading {@code ./}, {@code ../}, {@code .\} or {@code ..\}, would be
 * resolved against the path by some HTTP stack on the way, so the gateway refuses such a path with 404; accepting the
 * id would create a user no URL can reach. Any other character is fine (it is percent-encoded in the path). Null
 * passes.
 */
@Constraint(validatedBy = UrlPathSegment.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface UrlPathSegment {
    String message() default
            "must not be '.' or '..' nor start with './', '../', '.\\' or '..\\' (it is used in URL paths)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<UrlPathSegment, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || !readsAsDotSegment(value.toString());
        }

        static boolean readsAsDotSegment(String id) {
            String rest = id.startsWith("..") ? id.substring(2) : id.startsWith(".") ? id.substring(1) : null;
            return rest != null && (rest.isEmpty() || rest.charAt(0) == '/' || rest.charAt(0) == '\\');
        }
    }
}
