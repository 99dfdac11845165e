package org.sirgiving.keys.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.keys.domain.WidgetSettings;

/** The widget settings per (partner, environment) (table widget_settings). */
@ApplicationScoped
public class WidgetSettingsStore {

    /** The stored settings, or the defaults (not persisted) when none were ever set. */
    public Uni<WidgetSettings> of(String partnerId, Environment environment) {
        return WidgetSettings.<WidgetSettings>find(
                        "partnerId = ?1 and environment = ?2", partnerId, environment.wireName())
                .firstResult()
                .map(s -> s != null ? s : WidgetSettings.defaults(partnerId, environment));
    }

    /** Stores new settings, or the changed ones (a managed entity is written at commit). */
    public Uni<WidgetSettings> save(WidgetSettings settings) {
        return settings.isPersistent() ? Uni.createFrom().item(settings) : settings.persist();
    }
}
