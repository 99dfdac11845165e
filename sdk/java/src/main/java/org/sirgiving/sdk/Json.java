package org.sirgiving.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** How the SDK reads and writes JSON: the client and the webhook verifier alike. */
public final class Json {
    /** A new mapper configured as the SDK's (callers may use it to read {@code metadata} or event data). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // a newer server may add fields and enum values: an older SDK keeps working
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // absent, not null: PATCH leaves absent fields as they are
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private Json() {}
}
