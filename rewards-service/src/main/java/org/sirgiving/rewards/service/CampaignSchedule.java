package org.sirgiving.rewards.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CampaignLifecycle;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.repository.CampaignStore;

/**
 * {@code campaign.started} and {@code campaign.ended}, each written once per campaign: started when an ACTIVE
 * campaign is within its schedule (at activation, or when its {@code startsAt} passes), ended when a campaign that
 * had started becomes ENDED (its {@code endsAt} passed, or the partner ended it). A campaign that never started ends
 * silently. The job ends campaigns whose schedule ran out and announces those whose schedule began; rows are locked,
 * so replicas running it at once announce nothing twice.
 */
@ApplicationScoped
public class CampaignSchedule {
    private static final Logger LOG = Logger.getLogger(CampaignSchedule.class);

    private final UnitOfWork work;
    private final CampaignStore campaigns;
    private final Outbox outbox;

    public CampaignSchedule(UnitOfWork work, CampaignStore campaigns, Outbox outbox) {
        this.work = work;
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${sir.rewards.campaign-schedule.every}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return runOnce()
                .onFailure()
                .invoke(e -> LOG.warnf("Campaign schedule run failed, will retry: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One pass at the clock's current time; returns how many events it wrote. */
    public Uni<Integer> runOnce() {
        Instant now = work.now();
        return work.write(() -> campaigns
                .lockEnding(now)
                .chain(ending -> {
                    ending.forEach(c -> {
                        c.status = Campaign.Status.ENDED;
                        c.updatedAt = now;
                    });
                    return announceAll(ending, now, CampaignLifecycle.REASON_SCHEDULE);
                })
                .chain(ended -> campaigns
                        .lockStarting(now)
                        .chain(starting -> announceAll(starting, now, null))
                        .map(started -> ended + started)));
    }

    private Uni<Integer> announceAll(List<Campaign> campaigns, Instant now, String reason) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Campaign c : campaigns) {
            chain = chain.chain(n -> announce(c, now, reason, null).map(k -> n + k));
        }
        return chain;
    }

    /**
     * Writes whichever of the two events the campaign is now due, inside the caller's transaction (the caller holds the
     * row, changed or locked). Returns how many it wrote.
     */
    public Uni<Integer> announce(Campaign c, Instant now, String reason, String correlationId) {
        if (c.status == Campaign.Status.ACTIVE && c.startedEventAt == null && c.inSchedule(now)) {
            c.startedEventAt = now;
            return emit(c, EventTypes.CAMPAIGN_STARTED, null, correlationId).replaceWith(1);
        }
        if (c.status == Campaign.Status.ENDED && c.startedEventAt != null && c.endedEventAt == null) {
            c.endedEventAt = now;
            return emit(c, EventTypes.CAMPAIGN_ENDED, reason, correlationId).replaceWith(1);
        }
        return Uni.createFrom().item(0);
    }

    private Uni<Void> emit(Campaign c, String type, String reason, String correlationId) {
        CampaignLifecycle data = new CampaignLifecycle(
                c.id,
                c.name,
                c.status.name(),
                c.actionTypes().stream().map(Enum::name).toList(),
                c.startsAt,
                c.endsAt,
                c.budget,
                c.tokensSpent,
                c.priority,
                reason);
        return outbox.enqueue(
                Topics.REWARD_LIFECYCLE,
                c.partnerId,
                EventEnvelope.of(type, c.partnerId, Environment.fromWire(c.environment), correlationId, data));
    }
}
