package org.sirgiving.rewards.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.partnerauth.messaging.RecordProcessing;
import org.jboss.logging.Logger;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.rewards.service.ReversalProcessor;
import org.sirgiving.rewards.service.RewardProcessor;

/**
 * Rewards each accepted action and undoes each reversal request (both on {@code sir.actions.v1}, keyed by partner,
 * so a partner's reversal is processed after the action it reverses). The offset is committed after the
 * transaction; a record that cannot be processed goes to {@code sir.actions.v1.dlq} with its error instead of
 * blocking the partition.
 */
@ApplicationScoped
public class ActionsConsumer {
    private static final Logger LOG = Logger.getLogger(ActionsConsumer.class);
    private final RewardProcessor rewards;
    private final ReversalProcessor reversals;

    public ActionsConsumer(RewardProcessor rewards, ReversalProcessor reversals) {
        this.rewards = rewards;
        this.reversals = reversals;
    }

    @Incoming("actions-in")
    public Uni<Void> onAction(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        java.util.function.Supplier<Uni<?>> work;
        if (EventTypes.ACTION_SUBMITTED.equals(event.type())) {
            work = () -> rewards.process(event);
        } else if (EventTypes.ACTION_REVERSAL_REQUESTED.equals(event.type())) {
            work = () -> reversals.reverse(event);
        } else {
            return Uni.createFrom().voidItem();
        }
        return RecordProcessing.retryWhileDatabaseDown(work).replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "%s for action %s not processed; its record goes to the DLQ",
                        event.type(), event.data().path("actionId").asText()));
    }
}
