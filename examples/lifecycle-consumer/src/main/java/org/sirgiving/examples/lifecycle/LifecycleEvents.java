package org.sirgiving.examples.lifecycle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns record values into calls of the handlers registered per event type, following the contract's rules
 * (docs/events/README.md):
 * <ul>
 *   <li>at-least-once delivery: an event id already handled is not handled again (dedupe on the envelope's {@code id});
 *   <li>types this consumer has no handler for, including types added to the topic later, are skipped;
 *   <li>fields it does not know are ignored (the records are read leniently);
 *   <li>a record that is not an event envelope is skipped and logged, never retried forever.
 * </ul>
 * The remembered ids live in memory (the most recent {@code rememberedIds}): enough for redeliveries after a
 * rebalance or a restart of the producer. Where a duplicate effect would be harmful, keep the ids where the effect
 * is written (a unique column, in the same transaction) instead.
 */
public final class LifecycleEvents {
    /** What became of one record. */
    public enum Verdict {
        HANDLED,
        DUPLICATE,
        UNKNOWN_TYPE,
        OTHER_SCHEMA_VERSION,
        UNREADABLE
    }

    /** The contract's version on this topic; a v2 would come on a new topic, so another value is not ours to read. */
    public static final int SCHEMA_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final System.Logger LOG = System.getLogger(LifecycleEvents.class.getName());

    private final Map<String, Consumer<LifecycleEvent>> handlers = new HashMap<>();
    private final Map<String, Boolean> seen;

    public LifecycleEvents(int rememberedIds) {
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberedIds;
            }
        };
    }

    /** Registers the handler of one event type (replacing an earlier one). */
    public LifecycleEvents on(String type, Consumer<LifecycleEvent> handler) {
        handlers.put(type, handler);
        return this;
    }

    /**
     * Handles one record value. A handler's exception propagates and the event is not remembered, so that it is
     * handled when the record comes again (the consumer does not commit past it).
     */
    public Verdict accept(String value) {
        LifecycleEvent event = read(value);
        if (event == null) {
            LOG.log(Level.WARNING, "Skipping a record that is not an event envelope: {0}", abbreviated(value));
            return Verdict.UNREADABLE;
        }
        if (event.schemaVersion() != SCHEMA_VERSION) {
            LOG.log(
                    Level.WARNING,
                    "Skipping {0} {1}: schemaVersion {2}",
                    event.type(),
                    event.id(),
                    event.schemaVersion());
            return Verdict.OTHER_SCHEMA_VERSION;
        }
        if (seen.containsKey(event.id())) {
            return Verdict.DUPLICATE;
        }
        Consumer<LifecycleEvent> handler = handlers.get(event.type());
        if (handler == null) {
            LOG.log(Level.DEBUG, "No handler for {0}; skipped", event.type());
            return Verdict.UNKNOWN_TYPE;
        }
        handler.accept(event);
        seen.put(event.id(), Boolean.TRUE);
        return Verdict.HANDLED;
    }

    private static LifecycleEvent read(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(value);
            if (tree == null || !tree.isObject()) {
                return null;
            }
            LifecycleEvent event = JSON.treeToValue(tree, LifecycleEvent.class);
            boolean complete = event.id() != null && event.type() != null && event.data() != null;
            return complete ? event : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviated(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }
}
