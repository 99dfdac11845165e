package org.sirgiving.rewards.service;

/** A partner's request for {@code amount} more tokens for the environment of its key. */
public record NewAllocationRequest(long amount, String reason) {}
