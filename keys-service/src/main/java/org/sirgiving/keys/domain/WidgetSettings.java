package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.DynamicUpdate;
import org.sirgiving.events.Environment;

/**
 * The widget settings of one (partner, environment): the tip the widget offers and the browser origins its publishable
 * key may be used from (docs/partner-api.md section 7). No row: tips off, no origins.
 */
@Entity
@Table(name = "widget_settings")
@IdClass(WidgetSettings.Key.class)
@DynamicUpdate
public class WidgetSettings extends PanacheEntityBase {
    @Id
    @Column(name = "partner_id")
    public String partnerId;

    /** The wire name ({@code sandbox}, {@code production}); an id column takes no converter. */
    @Id
    @Column(name = "environment")
    public String environment;

    @Column(name = "tip_enabled", nullable = false)
    public boolean tipEnabled;

    @Column(name = "tip_default_percent", nullable = false)
    public int tipDefaultPercent;

    /** Comma-separated origins (scheme://host[:port], as browsers send them); empty: none. */
    @Column(name = "allowed_origins", nullable = false)
    public String allowedOrigins = "";

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The settings a (partner, environment) has before any change: tips off, no origins. */
    public static WidgetSettings defaults(String partnerId, Environment environment) {
        WidgetSettings s = new WidgetSettings();
        s.partnerId = partnerId;
        s.environment = environment.wireName();
        return s;
    }

    public List<String> origins() {
        return allowedOrigins == null || allowedOrigins.isBlank()
                ? List.of()
                : Arrays.stream(allowedOrigins.split(","))
                        .filter(o -> !o.isEmpty())
                        .toList();
    }

    public void allowOnly(List<String> origins) {
        allowedOrigins = String.join(",", origins);
    }

    public static class Key implements Serializable {
        public String partnerId;
        public String environment;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(partnerId, k.partnerId)
                    && Objects.equals(environment, k.environment);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partnerId, environment);
        }
    }
}
