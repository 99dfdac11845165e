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
 * and no unpaired surrogate (it has no UTF-8 form; the driver would store "?", so two different ids could become one).
 * On a string, or on a JSON value: every field name and every string in it. Every string of every JSON body is held to
 * it already ({@link StorableStrings}); the annotation is for text that arrives another way. {@link Rule} also holds
 * the stricter rule of identifiers ({@link Identifier}).
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

    /** The rules themselves, for callers outside Bean Validation. */
    final class Rule {
        /** No U+0000, no unpaired surrogate: what any stored text must be. */
        public static boolean storable(CharSequence s) {
            return clean(s, false);
        }

        /** Storable, and no control character either (not even a tab or a line break): what an identifier must be. */
        public static boolean identifier(CharSequence s) {
            return clean(s, true);
        }

        /** {@code s} with every character {@link #identifier} refuses replaced by U+FFFD: safe to echo back. */
        public static String printable(String s) {
            if (identifier(s)) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else {
                    out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            }
            return out.toString();
        }

        private static boolean clean(CharSequence s, boolean noControls) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u0000' || (noControls && Character.isISOControl(c))) {
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

        public static boolean storable(JsonNode node) {
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
