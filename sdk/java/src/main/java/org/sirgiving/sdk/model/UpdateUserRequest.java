package org.sirgiving.sdk.model;

import java.util.Map;

/** {@code PATCH /v1/partner/users/{externalId}}: null fields stay as they are; {@code metadata} is replaced whole. */
public record UpdateUserRequest(String email, String firstName, String lastName, Map<String, Object> metadata) {}
