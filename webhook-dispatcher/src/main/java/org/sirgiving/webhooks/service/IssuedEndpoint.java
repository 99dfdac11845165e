package org.sirgiving.webhooks.service;

import org.sirgiving.webhooks.domain.WebhookEndpoint;

/** An endpoint with its signing secret in clear: the answer of a create and of a rotation, and of nothing else. */
public record IssuedEndpoint(WebhookEndpoint endpoint, String secret) {}
