package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicWriter;

/**
 * An approved production request provisions the production pool with the operator's size (docs/partner-api.md
 * section 2), once, however often keys-service's {@code partner.production_approved} arrives.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ProductionApprovalTest {

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    private static TestPartners.Partner livePartner() {
        return TestPartners.issue(
                "ptn_" + Crypto.randomHex(12), Environment.PRODUCTION, true, null, "ACTIVE", true, List.of());
    }

    /** As keys-service announces it: one decision, one event id. */
    private static EventEnvelope approval(TestPartners.Partner p, String requestId, long size) {
        return EventEnvelope.decided(
                requestId,
                EventTypes.PARTNER_PRODUCTION_APPROVED,
                p.partnerId(),
                Environment.PRODUCTION,
                "req_test",
                new ProductionApproved(requestId, size, "https://shop.example/hooks", "ops-alice", Instant.now()));
    }

    /** The partner's pools as it lists them (the list's shape aside: a bare array or a {data} page). */
    private static List<Map<String, Object>> pools(TestPartners.Partner p) {
        Response r = SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools", null);
        if (r.statusCode() != 200) {
            return List.of();
        }
        JsonPath json = r.jsonPath();
        return r.asString().trim().startsWith("[") ? json.getList("$") : json.getList("data");
    }

    private static List<Map<String, Object>> ledger(TestPartners.Partner p, String poolId) {
        return SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools/" + poolId + "/ledger", null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data");
    }

    @Test
    void anApprovalDeliveredTwiceCreatesOneProductionPoolWithTheOperatorsSize() {
        TestPartners.Partner p = livePartner();
        EventEnvelope approved = approval(p, "preq_" + Crypto.randomHex(12), 2500);
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approved);
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approved);
        // A marker behind both copies in the same partition (same record key): once its pool exists, both copies of
        // the first approval were processed.
        TestPartners.Partner marker = livePartner();
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(marker, "preq_" + Crypto.randomHex(12), 7));
        await().atMost(WAIT).until(() -> pools(marker).size() == 1);

        List<Map<String, Object>> pools = pools(p);
        assertEquals(1, pools.size(), "one production pool");
        Map<String, Object> pool = pools.get(0);
        assertEquals("production", pool.get("environment"));
        assertEquals(2500, ((Number) pool.get("balance")).longValue());
        assertEquals(2500, ((Number) pool.get("totalAllocated")).longValue());
        List<Map<String, Object>> entries = ledger(p, (String) pool.get("id"));
        assertEquals(1, entries.size(), "the approval's allocation is the pool's one entry");
        assertEquals("ALLOCATION", entries.get(0).get("type"));
        assertEquals(2500, ((Number) entries.get(0).get("amount")).longValue());
    }

    @Test
    void liveActionsAreRewardedFromThePoolTheApprovalCreated() {
        TestPartners.Partner p = livePartner();
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(p, "preq_" + Crypto.randomHex(12), 1000));
        await().atMost(WAIT).until(() -> pools(p).size() == 1);

        EventEnvelope action = Fixtures.action(
                p,
                Environment.PRODUCTION,
                ActionType.PURCHASE,
                "40",
                true,
                Fixtures.customers("u-" + Crypto.randomHex(3)));
        Fixtures.publish(action);
        EventEnvelope outcome = Fixtures.outcome(action);
        assertEquals(EventTypes.ACTION_COMPLETED, outcome.type());
        assertEquals(960, ((Number) pools(p).get(0).get("balance")).longValue());
    }

    @Test
    void aSecondApprovalOfAPartnerLeavesItsPoolAsItIs() {
        TestPartners.Partner p = livePartner();
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(p, "preq_" + Crypto.randomHex(12), 300));
        await().atMost(WAIT).until(() -> pools(p).size() == 1);
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(p, "preq_" + Crypto.randomHex(12), 999));
        TestPartners.Partner marker = livePartner();
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(marker, "preq_" + Crypto.randomHex(12), 7));
        await().atMost(WAIT).until(() -> pools(marker).size() == 1);

        assertEquals(300, ((Number) pools(p).get(0).get("balance")).longValue());
        assertEquals(1, ledger(p, (String) pools(p).get(0).get("id")).size());
    }
}
