package org.sirgiving.actions.service;

import java.util.Set;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;

/** An outcome rewards-service announced, with its event type ({@code action.completed}, ...). */
public record AnnouncedOutcome(String eventType, ActionOutcome outcome) {
    private static final Set<String> TYPES =
            Set.of(EventTypes.ACTION_COMPLETED, EventTypes.ACTION_FAILED, EventTypes.ACTION_REVERSED);

    /** Whether events of this type announce an outcome (the lifecycle topic carries others too). */
    public static boolean announces(String eventType) {
        return TYPES.contains(eventType);
    }

    public boolean reversal() {
        return EventTypes.ACTION_REVERSED.equals(eventType);
    }
}
