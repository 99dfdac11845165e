package org.sirgiving.sdk.model;

/** {@code POST /v1/partner/actions/{actionId}/reverse}: reversing twice is a no-op returning the same result. */
public record ReverseActionRequest(String reason, String idempotencyKey) {}
