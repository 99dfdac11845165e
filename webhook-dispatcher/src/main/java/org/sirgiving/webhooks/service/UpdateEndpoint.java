package org.sirgiving.webhooks.service;

import java.util.List;
import java.util.Map;

/** Change an endpoint: a null field stays as it is; an empty description clears it. */
public record UpdateEndpoint(
        String url,
        String description,
        List<String> eventTypes,
        Boolean receiveAllEvents,
        Map<String, String> headers,
        Boolean active) {}
