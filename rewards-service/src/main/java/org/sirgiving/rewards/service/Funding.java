package org.sirgiving.rewards.service;

/** Tokens an operator adds to a pool (an ALLOCATION entry); {@code reason} is optional. */
public record Funding(long amount, String reason) {}
