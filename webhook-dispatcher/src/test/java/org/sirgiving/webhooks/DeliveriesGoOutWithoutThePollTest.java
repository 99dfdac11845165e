package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.publish;
import static org.sirgiving.webhooks.WebhookApi.register;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/**
 * Queued deliveries are claimed as soon as their event is committed, and the next ones as soon as a send frees a
 * slot: with the timer poll pushed out of reach, every delivery still goes out, more than one endpoint's slots' worth.
 */
@QuarkusTest
@TestProfile(DeliveriesGoOutWithoutThePollTest.NoPoll.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DeliveriesGoOutWithoutThePollTest {
    public static class NoPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sir.webhooks.poll-interval", "1h", "sir.webhooks.poll-delay", "1h");
        }
    }

    @Test
    void deliveriesAreSentWhenQueuedAndWhenASlotFrees() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            // 12 events for one endpoint with 4 slots: the last 8 can only go out because sends freed slots.
            List<EventEnvelope> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(publish(p, EventTypes.ACTION_COMPLETED));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (EventEnvelope e : events) {
                    assertEquals(1, receiver.countOf(e.id()), e.id());
                }
            });
        }
    }
}
