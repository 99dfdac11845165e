package org.sirgiving.actions.service;

/** Undo a completed action's reward (docs/partner-api.md section 4). */
public record ReverseAction(String actionId, String reason, String idempotencyKey) {}
