package org.sirgiving.helmtests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Values files merged the way Helm merges -f files over a chart's values.yaml. */
public final class Values {
    private Values() {}

    /**
     * Writes, into a chart copy's values.yaml, its values overlaid with {@code overlay}: maps merge key by key, a null
     * removes the key, anything else (lists too) replaces. `helm lint` of that copy is `helm lint -f overlay`.
     */
    public static void overlayChartValues(Path chartCopy, Path overlay) {
        try {
            JsonNode base =
                    Manifests.YAML.readTree(chartCopy.resolve("values.yaml").toFile());
            JsonNode top = Manifests.YAML.readTree(overlay.toFile());
            Manifests.YAML.writeValue(chartCopy.resolve("values.yaml").toFile(), merge((ObjectNode) base, top));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        for (Map.Entry<String, JsonNode> e : Manifests.fields(overlay).entrySet()) {
            JsonNode current = base.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                base.remove(e.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value);
            } else {
                base.set(e.getKey(), value);
            }
        }
        return base;
    }
}
