package org.sirgiving.sdk.model;

import java.util.Map;

/** {@code POST /v1/partner/users}. */
public record CreateUserRequest(
        String externalId, String email, String firstName, String lastName, Map<String, Object> metadata) {}
