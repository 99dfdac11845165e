package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.webhooks.service.TargetPolicy;

/** The SSRF rule alone, as production configures it (private targets refused). */
class TargetPolicyTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static String why(String literal) throws Exception {
        return TargetPolicy.refusalReason(InetAddress.getByName(literal));
    }

    @Test
    void refusesEveryNonPublicRange() throws Exception {
        for (String a : new String[] {
            "127.0.0.1",
            "127.255.0.9",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.0.1",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fd00:ec2::254",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1"
        }) {
            assertNotNull(why(a), a + " must be refused");
        }
        assertTrue(why("169.254.169.254").contains("link-local"));
        assertTrue(why("127.0.0.1").contains("loopback"));
        assertTrue(why("::1").contains("loopback"));
        assertTrue(why("100.64.0.1").contains("carrier-grade NAT"));
    }

    @Test
    void acceptsPublicAddresses() throws Exception {
        for (String a : new String[] {
            "93.184.216.34",
            "8.8.8.8",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "169.253.255.255",
            "11.0.0.1",
            "2606:4700:4700::1111",
            "2002:0808:0808::1"
        }) {
            assertNull(why(a), a + " is public");
        }
    }

    @Test
    void resolvingALoopbackOrMetadataTargetFailsUnlessAllowed() {
        TargetPolicy production = new TargetPolicy(false, vertx);
        for (String host : new String[] {"127.0.0.1", "localhost", "169.254.169.254", "[::1]", "10.1.2.3"}) {
            TargetPolicy.Refused refused = assertThrows(
                    TargetPolicy.Refused.class,
                    () -> production.resolve(host).await().atMost(Duration.ofSeconds(5)),
                    host);
            assertTrue(refused.getMessage().contains("public addresses only"), refused.getMessage());
        }
        TargetPolicy local = new TargetPolicy(true, vertx);
        assertEquals(
                "127.0.0.1",
                local.resolve("127.0.0.1").await().atMost(Duration.ofSeconds(5)).getHostAddress());
    }
}
