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
import java.util.Iterator;
import java.util.Map;

/**
 * Text that PostgreSQL can store and UTF-8 can carry: no U+0000 (PostgreSQL's text types refuse it, SQLSTATE 22021)
 * and no unpaired surrogate (it has no UTF-8 form). On a string, or on a JSON value: every field name and every
 * string in it. Refused at the edge with 400, before anything is accepted, so such input never reaches a consumer.
 */
@Constraint(validatedBy = {StorableText.OnString.class, StorableText.OnJson.class})
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableText {
    String message() default "must not contain U+0000 or an unpaired surrogate";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself, for callers outside Bean Validation. */
    final class Rule {
        static boolean storable(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u0000') {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return false;
                }
                if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }

        static boolean storable(JsonNode node) {
            if (node == null) {
                return true;
            }
            if (node.isTextual()) {
                return storable(node.textValue());
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!storable(field.getKey()) || !storable(field.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (!storable(element)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    class OnString implements ConstraintValidator<StorableText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Rule.storable(value);
        }
    }

    class OnJson implements ConstraintValidator<StorableText, JsonNode> {
        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return Rule.storable(value);
        }
    }
}
