package org.sirgiving.donations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.checkoutPath;
import static org.sirgiving.donations.DonationApi.press;
import static org.sirgiving.donations.DonationApi.widgetPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.DonationOutcome;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicReader;

/**
 * Every record donations-service publishes, as it is on Kafka, matches its published schema read closed
 * (docs/events/schemas, EventSchemas.CLOSED): a field the service writes without documenting it, or a documented
 * required field it leaves out, fails here (as rewards-service's EventSchemaTest does for its events).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DonationEventSchemaTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    private static String donate(TestPartners.Partner p, String button, Object... overrides) {
        JsonPath link = widgetPost(p, CREATE, body(overrides), null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        press(checkoutPath(link.getString("donationLink")), button).then().statusCode(303);
        return link.getString("partnerDonationId");
    }

    private static JsonNode record(String topic, String type, String donationId) throws Exception {
        ConsumerRecord<String, String> r = TopicReader.awaitRecord(
                KafkaBrokerResource.bootstrapServers(),
                topic,
                e -> type.equals(e.type())
                        && (EventTypes.ACTION_SUBMITTED.equals(type)
                                ? e.dataAs(ActionSubmitted.class)
                                        .idempotencyKey()
                                        .contains(donationId)
                                : donationId.equals(
                                        e.dataAs(DonationOutcome.class).partnerDonationId())),
                SOON);
        return EventJson.MAPPER.readTree(r.value());
    }

    @Test
    void aCompletedChargesDonationCompletedAndItsDonationActionMatchTheirSchemas() throws Exception {
        TestPartners.Partner p = DonationApi.tippingPartner();
        String id = donate(p, "complete", "tipAmount", 300, "frequency", "monthly");
        JsonNode completed = record(Topics.REWARD_LIFECYCLE, EventTypes.DONATION_COMPLETED, id);
        assertEquals(List.of(), EventSchemas.CLOSED.problems(completed), completed::toString);
        JsonNode action = record(Topics.ACTIONS, EventTypes.ACTION_SUBMITTED, id);
        assertEquals(List.of(), EventSchemas.CLOSED.problems(action), action::toString);
        // The schema is not lax: the same record without its action fails it.
        ((ObjectNode) completed.get("data")).remove("actionId");
        assertFalse(EventSchemas.CLOSED.problems(completed).isEmpty(), completed::toString);
    }

    @Test
    void aFailedChargesDonationFailedMatchesItsSchema() throws Exception {
        TestPartners.Partner p = TestPartners.sandbox();
        String id = donate(p, "fail");
        JsonNode failed = record(Topics.REWARD_LIFECYCLE, EventTypes.DONATION_FAILED, id);
        assertEquals(List.of(), EventSchemas.CLOSED.problems(failed), failed::toString);
    }
}
