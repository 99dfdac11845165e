package org.sirgiving.keys.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sirgiving.events.Environment;

/** Stores an {@link Environment} by its wire name ({@code sandbox}, {@code production}), as the column's check wants. */
@Converter
public class EnvironmentColumn implements AttributeConverter<Environment, String> {
    @Override
    public String convertToDatabaseColumn(Environment environment) {
        return environment == null ? null : environment.wireName();
    }

    @Override
    public Environment convertToEntityAttribute(String wireName) {
        return Environment.fromWire(wireName);
    }
}
