package org.sirgiving.webhooks.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.webhooks.domain.DeliveryCounts;
import org.sirgiving.webhooks.repository.DeliveryStore;

/** The delivery figures of a partner's dashboard (docs/partner-api.md section 5), asked for by rewards-service. */
@ApplicationScoped
public class DeliveryStatistics {
    private final UnitOfWork work;
    private final DeliveryStore deliveries;

    public DeliveryStatistics(UnitOfWork work, DeliveryStore deliveries) {
        this.work = work;
        this.deliveries = deliveries;
    }

    /** Decided in {@code [from, to)}, and open now. */
    public Uni<DeliveryCounts> counts(String partnerId, Environment environment, Instant from, Instant to) {
        return work.read(() -> deliveries.countsOf(partnerId, environment, from, to));
    }
}
