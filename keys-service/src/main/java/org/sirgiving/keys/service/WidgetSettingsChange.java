package org.sirgiving.keys.service;

import java.util.List;

/**
 * A partner's change to the widget settings of one environment; null fields stay as they are. {@code allowedOrigins}
 * are already normalized (scheme://host[:port], as browsers send them) and replace the list.
 */
public record WidgetSettingsChange(Boolean tipEnabled, Integer tipDefaultPercent, List<String> allowedOrigins) {}
