package org.sirgiving.kernel.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A request body is one JSON value and nothing after it (docs/partner-api.md section 9). Jackson stops reading at the
 * end of the first value by default, so a complete object followed by a stray closing brace or a second value was read
 * as that object, and a submit carrying it was accepted. With trailing tokens refused, such a body fails in the reader
 * and ApiExceptionMappers answers it 400 INVALID_JSON, as every other body that is not JSON.
 */
@Singleton
public class WholeJsonBodies implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
