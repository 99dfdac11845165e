package org.sirgiving.sdk;

/** One entry of an error's {@code details}: the field (e.g. {@code stakeholders[0].partnerUserId}) and what is wrong. */
public record FieldError(String field, String message) {}
