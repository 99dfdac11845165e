package org.sirgiving.keys.service;

import java.util.List;
import org.sirgiving.events.Feature;

/** Operator-only partner settings; null fields stay as they are. {@code reason} goes to the audit trail. */
public record SettingsChange(
        List<String> ipAllowlist, List<Feature> enabledFeatures, Integer rateLimit, String reason) {}
