package org.sirgiving.partnerauth.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;

class CredentialCacheTest {
    private static final String SECRET = "sk_test_" + "ab".repeat(32);
    private static final String PUBLIC = "pk_test_" + "cd".repeat(32);

    /** keys-service, as seen by the cache: counts lookups; knows nothing unless told. */
    private static final class Source implements CredentialSource {
        final AtomicInteger lookups = new AtomicInteger();
        volatile CredentialData known;
        volatile RuntimeException failure;

        @Override
        public Uni<Optional<CredentialData>> fetch(String publicKey, String secretKeyHash) {
            lookups.incrementAndGet();
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().item(Optional.ofNullable(known));
        }
    }

    private static CredentialData credential(long version) {
        return new CredentialData(
                "key_1",
                "ptn_1",
                "sandbox",
                PUBLIC,
                Crypto.sha256Hex(SECRET),
                "sealed",
                true,
                false,
                null,
                "ACTIVE",
                false,
                "STANDARD",
                600,
                List.of(),
                List.of(),
                version);
    }

    private static Optional<CredentialData> find(CredentialCache cache, String key) {
        return cache.find(key).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void anUnknownKeyIsAskedForOncePerTtlNotOncePerRequest() {
        Source source = new Source();
        CredentialCache cache = new CredentialCache(source, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 5; i++) {
            assertTrue(find(cache, SECRET).isEmpty());
        }
        assertEquals(1, source.lookups.get());
    }

    @Test
    void aKeyIssuedRightAfterAFailedLookupWorksAsSoonAsItsRecordArrives() {
        Source source = new Source();
        CredentialCache cache = new CredentialCache(source, Duration.ofMinutes(1), 100);
        assertTrue(find(cache, SECRET).isEmpty());
        assertTrue(find(cache, PUBLIC).isEmpty());

        cache.apply(credential(1)); // the record from sir.credentials.v1

        assertEquals("key_1", find(cache, SECRET).orElseThrow().keyId());
        assertEquals("key_1", find(cache, PUBLIC).orElseThrow().keyId());
        assertEquals(2, source.lookups.get(), "no further lookup: the record answered");
    }

    @Test
    void theUnknownKeysAreForgottenAfterTheTtl() throws InterruptedException {
        Source source = new Source();
        CredentialCache cache = new CredentialCache(source, Duration.ofMillis(50), 100);
        assertTrue(find(cache, SECRET).isEmpty());
        Thread.sleep(120);
        source.known = credential(0); // issued, but its record has not arrived here yet
        assertEquals("key_1", find(cache, SECRET).orElseThrow().keyId());
    }

    @Test
    void theUnknownKeysAreBoundedInNumber() {
        CredentialCache cache = new CredentialCache(new Source(), Duration.ofMinutes(1), 10);
        for (int i = 0; i < 1000; i++) {
            find(cache, "sk_test_" + Crypto.randomHex(32));
        }
        assertTrue(cache.unknownKeys() <= 10, "remembered: " + cache.unknownKeys());
    }

    @Test
    void aLookupKeysServiceRefusedIsAnUnknownKeyNotAFailure() {
        Source source = new Source();
        source.failure = new CredentialLookupRefused(414);
        CredentialCache cache = new CredentialCache(source, Duration.ofMinutes(1), 100);
        assertTrue(find(cache, PUBLIC).isEmpty());
    }
}
