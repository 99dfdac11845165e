package org.sirgiving.kernel.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Every string a JSON body carries — field values, map keys, and every string inside a free-form JSON value such as
 * {@code metadata} — is {@link StorableText}, checked while the body is read, in one place for every service and every
 * field (docs/partner-api.md section 9). A violation is an {@link Unstorable}, answered 400 VALIDATION_FAILED naming the
 * field. Identifiers are held to the stricter {@link Identifier} by their own annotation.
 */
@Singleton
public class StorableStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("storable-strings");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        module.addDeserializer(JsonNode.class, new Trees());
        return module;
    }

    /** A string in a body that cannot be stored as sent; its path is the field's. */
    public static final class Unstorable extends MismatchedInputException {
        static final String MESSAGE = "must not contain U+0000 or an unpaired surrogate";

        Unstorable(JsonParser parser) {
            super(parser, MESSAGE, String.class);
        }
    }

    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !StorableText.Rule.storable(value)) {
                throw new Unstorable(p);
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!StorableText.Rule.storable(key)) {
                throw new Unstorable(ctxt.getParser());
            }
            return key;
        }
    }

    /** Free-form JSON: read as usual, then every field name and string checked; the path points at the bad one. */
    static final class Trees extends JsonDeserializer<JsonNode> {
        private final JsonDeserializer<? extends JsonNode> standard =
                JsonNodeDeserializer.getDeserializer(JsonNode.class);

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = standard.deserialize(p, ctxt);
            Deque<JsonMappingException.Reference> path = new ArrayDeque<>();
            if (!storable(node, path)) {
                Unstorable e = new Unstorable(p);
                // innermost first: prependPath builds the path outwards, as Jackson does while unwinding
                for (Iterator<JsonMappingException.Reference> it = path.descendingIterator(); it.hasNext(); ) {
                    e.prependPath(it.next());
                }
                throw e;
            }
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getNullValue(ctxt);
        }

        private static boolean storable(JsonNode node, Deque<JsonMappingException.Reference> path) {
            if (node.isTextual()) {
                return StorableText.Rule.storable(node.textValue());
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!StorableText.Rule.storable(field.getKey())) {
                        return false; // the object holding the bad name is reported: the name cannot be echoed
                    }
                    path.addLast(new JsonMappingException.Reference(node, field.getKey()));
                    if (!storable(field.getValue(), path)) {
                        return false;
                    }
                    path.removeLast();
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(new JsonMappingException.Reference(node, i));
                    if (!storable(node.get(i), path)) {
                        return false;
                    }
                    path.removeLast();
                }
            }
            return true;
        }
    }
}
