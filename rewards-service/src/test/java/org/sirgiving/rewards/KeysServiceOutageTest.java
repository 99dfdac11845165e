package org.sirgiving.rewards;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/**
 * A key this replica has not cached yet is looked up at keys-service. When keys-service cannot answer (here: the
 * connection is lost three times, the first try and both retries), the partner is told to retry (503 with
 * Retry-After), never 500: nothing about the request was wrong. The next request finds the key.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class KeysServiceOutageTest {
    @Test
    void aKeyLookupThatLosesItsConnectionAnswers503AndTheNextRequestSucceeds() {
        // Known to keys-service only: this replica can learn the key by asking, not from the topic.
        TestPartners.Partner p = TestPartners.sandboxNotYetPublished();
        KeysServiceStub.knowUnpublished(p.credential());
        KeysServiceStub.dropNextLookups(3);

        SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools", null)
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", is("SERVICE_UNAVAILABLE"));
        SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools", null)
                .then()
                .statusCode(200)
                .body("total", is(0));
    }
}
