package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TopicReader;
import org.sirgiving.testinfra.TopicWriter;

/**
 * keys-service's database restored from a backup lies behind the compacted credentials topic. The topic is played
 * here as it would be after the backup: a key created later (unknown to the database) and a revocation and a
 * suspension decided later, all with versions above the database's sequence.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class CredentialResyncAfterRestoreTest {
    static final String OPERATOR = TestJwt.token("ops-alice", "operator");
    static final long AFTER_BACKUP = 5_000_000L;

    @Test
    void resyncRevokesWhatTheTopicRevokedDropsUnknownKeysAndPublishesAboveEveryVersionSeen() {
        KeyLifecycleTest.Issued revokedLater = KeyLifecycleTest.issue();
        KeyLifecycleTest.Issued untouched = KeyLifecycleTest.issue();
        CredentialData before = newest(revokedLater.id(), 0);
        publishAfterBackup(copy(before, "key_createdafterbackup0000", "pk_test_after", false, "ACTIVE", AFTER_BACKUP));
        publishAfterBackup(copy(before, before.keyId(), before.publicKey(), true, "SUSPENDED", AFTER_BACKUP + 1));

        Response r = given().auth().oauth2(OPERATOR).post("/v1/admin/credentials/resync");
        r.then()
                .statusCode(200)
                .body("highestPublishedVersion", greaterThanOrEqualTo((int) (AFTER_BACKUP + 1)))
                .body("revokedFromTopic", hasItem(revokedLater.id()))
                .body("unknownKeysRevoked.keyId", hasItem("key_createdafterbackup0000"))
                .body(
                        "partnerStatusDifferences.find { it.partnerId == '" + revokedLater.partnerId() + "' }"
                                + ".publishedStatus",
                        is("SUSPENDED"));

        CredentialData unknown = newest("key_createdafterbackup0000", AFTER_BACKUP + 1);
        assertTrue(unknown.revoked(), "a key the database does not know is published as revoked");
        CredentialData revoked = newest(revokedLater.id(), AFTER_BACKUP + 1);
        assertTrue(revoked.revoked(), "a revocation on the topic is never undone");
        CredentialData kept = newest(untouched.id(), AFTER_BACKUP + 1);
        assertFalse(kept.revoked(), "a key both sides know as live stays live, republished above every old version");

        // The revocation is now in the database too: the partner no longer sees the key among its live keys.
        given().auth()
                .oauth2(revokedLater.token())
                .get("/v1/partner/keys")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(revokedLater.id())));

        // A change made after the resync is published above the versions the topic already had.
        KeyLifecycleTest.patch(untouched, "{\"name\":\"renamed\"}").then().statusCode(200);
        assertTrue(newest(untouched.id(), kept.version()).version() > kept.version());

        // Calling it again is harmless: nothing left to revoke.
        given().auth()
                .oauth2(OPERATOR)
                .post("/v1/admin/credentials/resync")
                .then()
                .statusCode(200)
                .body("revokedFromTopic.size()", is(0));
    }

    @Test
    void onlyOperatorsMayResync() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        given().auth()
                .oauth2(k.token())
                .post("/v1/admin/credentials/resync")
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
    }

    private static void publishAfterBackup(CredentialData c) {
        TopicWriter.send(
                Topics.CREDENTIALS,
                c.keyId(),
                EventEnvelope.of(EventTypes.CREDENTIAL_UPDATED, c.partnerId(), Environment.SANDBOX, "test", c));
    }

    /** The key's newest record on the topic once one above {@code above} is there. */
    private static CredentialData newest(String keyId, long above) {
        EventEnvelope e = TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.CREDENTIALS,
                ev -> ev.type().equals(EventTypes.CREDENTIAL_UPDATED)
                        && keyId.equals(ev.data().path("keyId").asText())
                        && ev.data().path("version").asLong() > above,
                Duration.ofSeconds(20));
        return e.dataAs(CredentialData.class);
    }

    private static CredentialData copy(
            CredentialData c, String keyId, String publicKey, boolean revoked, String partnerStatus, long version) {
        return new CredentialData(
                keyId,
                c.partnerId(),
                c.environment(),
                publicKey,
                c.secretKeyHash() + (keyId.equals(c.keyId()) ? "" : "0"),
                c.hmacSecretSealed(),
                !revoked,
                revoked,
                c.expiresAt(),
                partnerStatus,
                c.productionApproved(),
                c.tier(),
                c.rateLimit(),
                c.ipAllowlist() == null ? List.of() : c.ipAllowlist(),
                c.enabledFeatures() == null ? List.of() : c.enabledFeatures(),
                version);
    }
}
