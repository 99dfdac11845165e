package org.sirgiving.rewards.service;

import org.sirgiving.events.Environment;

/** A partner's pool created by an operator with its first allocation and, optionally, its restrictions. */
public record NewPool(
        String partnerId, Environment environment, long initialAllocation, PoolRestrictions restrictions) {}
