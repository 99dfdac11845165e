package org.sirgiving.sdk.model;

/** {@code POST /v1/partner/token-pools/request}: whole tokens. */
public record RequestAllocationRequest(long amount, String reason) {}
