package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.mutiny.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sirgiving.webhooks.service.TargetPolicy;

/** The SSRF rule alone, as production configures it (private targets refused): one case per blocked range. */
class TargetPolicyTest {
    /** Each blocked range (TargetPolicy's table) with one address inside it. */
    private static final Map<String, String> INSIDE = new LinkedHashMap<>();

    static {
        INSIDE.put("0.0.0.0/8", "0.1.2.3");
        INSIDE.put("0.0.0.0/32", "0.0.0.0");
        INSIDE.put("10.0.0.0/8", "10.255.255.255");
        INSIDE.put("100.64.0.0/10", "100.127.255.254");
        INSIDE.put("127.0.0.0/8", "127.0.0.1");
        INSIDE.put("169.254.0.0/16", "169.254.169.254");
        INSIDE.put("172.16.0.0/12", "172.31.255.255");
        INSIDE.put("192.0.0.0/24", "192.0.0.9");
        INSIDE.put("192.0.0.0/29", "192.0.0.1");
        INSIDE.put("192.0.0.8/32", "192.0.0.8");
        INSIDE.put("192.0.0.170/31", "192.0.0.171");
        INSIDE.put("192.0.2.0/24", "192.0.2.10");
        INSIDE.put("192.88.99.0/24", "192.88.99.1");
        INSIDE.put("192.168.0.0/16", "192.168.1.1");
        INSIDE.put("198.18.0.0/15", "198.19.255.255");
        INSIDE.put("198.51.100.0/24", "198.51.100.7");
        INSIDE.put("203.0.113.0/24", "203.0.113.255");
        INSIDE.put("224.0.0.0/4", "239.255.255.250");
        INSIDE.put("240.0.0.0/4", "240.0.0.1");
        INSIDE.put("255.255.255.255/32", "255.255.255.255");
        INSIDE.put("::1/128", "::1");
        INSIDE.put("::/128", "::");
        INSIDE.put("64:ff9b:1::/48", "64:ff9b:1:ffff::1");
        INSIDE.put("100::/64", "100::1");
        INSIDE.put("100:0:0:1::/64", "100:0:0:1::1");
        INSIDE.put("2001::/23", "2001:1ff:ffff::1");
        INSIDE.put("2001::/32", "2001:0:4136:e378:8000:63bf:3fff:fdd2");
        INSIDE.put("2001:2::/48", "2001:2::1");
        INSIDE.put("2001:10::/28", "2001:1f::1");
        INSIDE.put("2001:db8::/32", "2001:db8::1");
        INSIDE.put("2002::/16", "2002:808:808::1");
        INSIDE.put("3fff::/20", "3fff:fff::1");
        INSIDE.put("5f00::/16", "5f00::1");
        INSIDE.put("fc00::/7", "fd12:3456::1");
        INSIDE.put("fe80::/10", "fe80::1");
        INSIDE.put("fec0::/10", "fec0::1");
        INSIDE.put("ff00::/8", "ff02::1");
    }

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static TargetPolicy.Range blocked(String literal) throws Exception {
        return TargetPolicy.blockedRange(InetAddress.getByName(literal));
    }

    static Stream<Arguments> insideEachRange() {
        return INSIDE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{1} (in {0}) is refused")
    @MethodSource("insideEachRange")
    void anAddressInsideEachBlockedRangeIsRefused(String range, String address) throws Exception {
        assertNotNull(blocked(address), address + " is in " + range);
    }

    @Test
    void everyBlockedRangeHasACase() {
        Set<String> table = TargetPolicy.blockedRanges().stream()
                .map(TargetPolicy.Range::cidr)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(table, new TreeSet<>(INSIDE.keySet()));
    }

    @ParameterizedTest(name = "{0} carries a refused IPv4 address")
    @ValueSource(
            strings = {
                "::ffff:169.254.169.254", // IPv4-mapped (RFC 4291)
                "::ffff:10.0.0.1",
                "64:ff9b::a9fe:a9fe", // NAT64 well-known prefix (RFC 6052) of 169.254.169.254
                "64:ff9b::7f00:1",
                "::7f00:2", // IPv4-compatible (deprecated) 127.0.0.2
                "::a00:1"
            })
    void ipv6FormsOfARefusedIpv4AddressAreRefused(String address) throws Exception {
        assertNotNull(blocked(address), address);
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(
            strings = {
                "9.255.255.255", // just below 10.0.0.0/8
                "11.0.0.0", // just above it
                "100.63.255.255", // around 100.64.0.0/10
                "100.128.0.0",
                "169.253.255.255", // around 169.254.0.0/16
                "169.255.0.0",
                "172.15.255.255", // around 172.16.0.0/12
                "172.32.0.0",
                "192.0.1.0", // between 192.0.0.0/24 and 192.0.2.0/24
                "192.0.3.0",
                "192.88.98.255", // around 192.88.99.0/24
                "192.88.100.0",
                "198.17.255.255", // around 198.18.0.0/15
                "198.20.0.0",
                "223.255.255.255", // just below multicast
                "8.8.8.8",
                "93.184.216.34",
                "::ffff:8.8.8.8", // IPv4-mapped public address
                "64:ff9b::808:808", // NAT64 of a public address
                "64:ff9b:2::1", // just after 64:ff9b:1::/48
                "2001:200::1", // just after 2001::/23
                "2001:db9::1", // just after 2001:db8::/32
                "2003::1", // just after 2002::/16
                "2606:4700:4700::1111",
                "2620:4f:8000::1" // AS112 (RFC 7534): globally reachable
            })
    void addressesJustOutsideTheRangesArePublic(String address) throws Exception {
        assertNull(blocked(address), address + " is public");
    }

    @Test
    void aRefusalNeverNamesTheAddressOrTheRange() {
        TargetPolicy production = new TargetPolicy(false, vertx);
        for (String host : new String[] {
            "127.0.0.1", "localhost", "169.254.169.254", "[::1]", "10.1.2.3", "[64:ff9b:1::a]", "[2001::1]"
        }) {
            TargetPolicy.Refused refused = assertThrows(
                    TargetPolicy.Refused.class,
                    () -> production.resolve(host).await().atMost(Duration.ofSeconds(10)),
                    host);
            assertEquals(TargetPolicy.NOT_ALLOWED, refused.getMessage(), host);
        }
        // A host that does not resolve gets the same answer: which internal names exist is not for partners.
        TargetPolicy.Refused unknown = assertThrows(
                TargetPolicy.Refused.class,
                () -> production.resolve("no-such-host.invalid").await().atMost(Duration.ofSeconds(10)));
        assertEquals(TargetPolicy.NOT_ALLOWED, unknown.getMessage());
        assertFalse(TargetPolicy.NOT_ALLOWED.matches(".*[0-9]+\\.[0-9]+.*"));
    }

    @Test
    void privateTargetsAreAllowedWhereConfigurationSays() {
        TargetPolicy local = new TargetPolicy(true, vertx);
        assertEquals(
                "127.0.0.1",
                local.resolve("127.0.0.1").await().atMost(Duration.ofSeconds(5)).getHostAddress());
        assertEquals(
                "0:0:0:0:0:0:0:1",
                local.resolve("::1").await().atMost(Duration.ofSeconds(5)).getHostAddress());
    }
}
