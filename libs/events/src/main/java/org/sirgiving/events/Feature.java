package org.sirgiving.events;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The partner features a service may require (docs/partner-api.md section 2); a new partner has them all. */
public enum Feature {
    ACTIONS,
    DONATIONS;

    /** The column form: names joined by commas. */
    public static String join(Collection<Feature> features) {
        return String.join(",", names(features));
    }

    /** The wire form (docs/partner-api.md section 2): the names. */
    public static List<String> names(Collection<Feature> features) {
        return features.stream().map(Feature::name).toList();
    }

    /** The column read back; a name no longer known (stored before the list was closed) enables nothing: skipped. */
    public static List<Feature> parse(List<String> names) {
        return names.stream().map(Feature::named).flatMap(Optional::stream).toList();
    }

    private static Optional<Feature> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
