package org.sirgiving.keys.service;

import org.sirgiving.events.Environment;

/**
 * Issue a key pair to the user {@code ownerSubject}; {@code ownerName} names the partner their first key creates.
 * A missing {@code keyType} is {@value #STANDARD_TYPE}.
 */
public record IssueKey(String ownerSubject, String ownerName, String name, Environment environment, String keyType) {
    public static final String STANDARD_TYPE = "standard";

    public IssueKey {
        if (keyType == null || keyType.isBlank()) {
            keyType = STANDARD_TYPE;
        }
    }
}
