package org.sirgiving.rewards.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.rewards.service.RewardProcessor;

/**
 * Rewards each accepted action. The offset is committed after the transaction; a record that cannot be processed
 * goes to {@code sir.actions.v1.dlq} with its error instead of blocking the partition.
 */
@ApplicationScoped
public class ActionsConsumer {
    private static final Logger LOG = Logger.getLogger(ActionsConsumer.class);
    private final RewardProcessor rewards;

    public ActionsConsumer(RewardProcessor rewards) {
        this.rewards = rewards;
    }

    @Incoming("actions-in")
    public Uni<Void> onAction(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (EventTypes.ACTION_SUBMITTED.equals(event.type())) {
            return rewards.process(event).replaceWithVoid()
                    .onFailure().invoke(e -> LOG.errorf(e, "Action %s not processed; its record goes to the DLQ",
                            event.data().path("actionId").asText()));
        }
        return Uni.createFrom().voidItem();
    }
}
