package org.sirgiving.webhooks.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where webhooks may be sent (SSRF guard), checked at registration and again before every attempt, since DNS can
 * change in between. Every address a host resolves to must be public; the sender then connects to the address
 * checked here (not to a second lookup), so a rebinding DNS answer cannot slip an internal address in.
 *
 * <p>"Public" means outside every range below: the IANA IPv4 and IPv6 Special-Purpose Address Registries' entries
 * whose "Globally Reachable" is False or N/A, plus multicast, plus the IPv6 forms that carry an IPv4 address (judged
 * by that address). A refusal never says which address or range a host resolved to: that would let a partner map
 * our internal DNS (docs/partner-api.md section 6); the detail goes to the debug log.
 */
@ApplicationScoped
public class TargetPolicy {
    private static final Logger LOG = Logger.getLogger(TargetPolicy.class);

    /** The one answer for every refused target, whatever the reason (including a host that does not resolve). */
    public static final String NOT_ALLOWED =
            "the target is not allowed: webhooks go to hosts with public addresses only";

    /** A target this policy refuses; the message is {@link #NOT_ALLOWED}, the same for every reason. */
    public static class Refused extends RuntimeException {
        public Refused() {
            super(NOT_ALLOWED, null, false, false);
        }
    }

    /** One blocked range: a registry entry (or multicast), with the RFC that defines it. */
    public record Range(String cidr, String name, String rfc) {
        @Override
        public String toString() {
            return cidr + " " + name + " (" + rfc + ")";
        }
    }

    /** IANA IPv4 Special-Purpose Address Registry, every entry not globally reachable; and multicast. */
    public static final List<Range> IPV4 = List.of(
            new Range("0.0.0.0/8", "This network", "RFC 791 section 3.2"),
            new Range("0.0.0.0/32", "This host on this network", "RFC 1122 section 3.2.1.3"),
            new Range("10.0.0.0/8", "Private-Use", "RFC 1918"),
            new Range("100.64.0.0/10", "Shared Address Space (carrier-grade NAT)", "RFC 6598"),
            new Range("127.0.0.0/8", "Loopback", "RFC 1122 section 3.2.1.3"),
            new Range("169.254.0.0/16", "Link Local (cloud metadata)", "RFC 3927"),
            new Range("172.16.0.0/12", "Private-Use", "RFC 1918"),
            // Also holds two anycast service addresses (192.0.0.9 PCP, 192.0.0.10 TURN) the registry marks globally
            // reachable: never a webhook receiver, so the whole block stays refused.
            new Range("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 section 2.1"),
            new Range("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335"),
            new Range("192.0.0.8/32", "IPv4 dummy address", "RFC 7600"),
            new Range("192.0.0.170/31", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 section 2.2"),
            new Range("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
            new Range("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
            new Range("192.168.0.0/16", "Private-Use", "RFC 1918"),
            new Range("198.18.0.0/15", "Benchmarking", "RFC 2544"),
            new Range("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
            new Range("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
            new Range("224.0.0.0/4", "Multicast", "RFC 5771"),
            new Range("240.0.0.0/4", "Reserved", "RFC 1112 section 4"),
            new Range("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 section 7"));

    /** IANA IPv6 Special-Purpose Address Registry, every entry not globally reachable; multicast; site-local. */
    public static final List<Range> IPV6 = List.of(
            new Range("::1/128", "Loopback Address", "RFC 4291"),
            new Range("::/128", "Unspecified Address", "RFC 4291"),
            new Range("64:ff9b:1::/48", "IPv4-IPv6 Translation, local use", "RFC 8215"),
            new Range("100::/64", "Discard-Only Address Block", "RFC 6666"),
            new Range("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
            // Also holds entries the registry marks globally reachable (PCP/TURN/DNS-SD anycast, AMT, AS112-v6,
            // ORCHIDv2, drone DETs): none is a webhook receiver, so the whole block stays refused.
            new Range("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
            new Range("2001::/32", "TEREDO", "RFC 4380, RFC 8190"),
            new Range("2001:2::/48", "Benchmarking", "RFC 5180"),
            new Range("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843"),
            new Range("2001:db8::/32", "Documentation", "RFC 3849"),
            new Range("2002::/16", "6to4", "RFC 3056"),
            new Range("3fff::/20", "Documentation", "RFC 9637"),
            new Range("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
            new Range("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190"),
            new Range("fe80::/10", "Link-Local Unicast", "RFC 4291"),
            // Not in the special-purpose registry (the IPv6 address space registry's deprecated site-local).
            new Range("fec0::/10", "Site-Local (deprecated)", "RFC 3879"),
            new Range("ff00::/8", "Multicast", "RFC 4291"));

    /**
     * IPv6 forms whose last 32 bits are an IPv4 address, judged by that address (so NAT64's well-known prefix, which
     * the registry marks globally reachable, still cannot reach 169.254.169.254).
     */
    public static final List<Range> IPV6_EMBEDDING_IPV4 = List.of(
            new Range("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291"),
            new Range("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052"),
            new Range("::/96", "IPv4-compatible Address (deprecated)", "RFC 4291 section 2.5.5.1"));

    private static final List<Block> V4 = IPV4.stream().map(Block::of).toList();
    private static final List<Block> V6 = IPV6.stream().map(Block::of).toList();
    private static final List<Block> V6_EMBEDDING_V4 =
            IPV6_EMBEDDING_IPV4.stream().map(Block::of).toList();

    /**
     * A prefix matched on the address bytes. By hand: no library here matches IPv6 prefixes (commons-net's
     * SubnetUtils is IPv4-only, and no IPv6-capable one resolves in this build), and it is a dozen lines.
     */
    private record Block(Range range, byte[] prefix, int bits) {
        static Block of(Range range) {
            String[] parts = range.cidr().split("/", 2);
            return new Block(range, literal(parts[0]), Integer.parseInt(parts[1]));
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private final boolean allowPrivate;
    private final Vertx vertx;

    @Inject
    public TargetPolicy(WebhookConfig config, Vertx vertx) {
        this(config.allowPrivateTargets(), vertx);
    }

    public TargetPolicy(boolean allowPrivate, Vertx vertx) {
        this.allowPrivate = allowPrivate;
        this.vertx = vertx;
    }

    /**
     * The address to connect to for {@code host}; fails with {@link Refused} when the host does not resolve or any
     * of its addresses is not public (unless private targets are allowed by configuration).
     */
    public Uni<InetAddress> resolve(String host) {
        if (host == null || host.isBlank()) {
            return Uni.createFrom().failure(new Refused());
        }
        // The JDK resolver blocks: run it on a worker; the result comes back on the caller's context. A host that
        // does not resolve gets the same answer as an internal one: which internal names exist is not for partners.
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
                .onFailure(UnknownHostException.class)
                .transform(e -> {
                    LOG.debugf("webhook target %s refused: it does not resolve", host);
                    return new Refused();
                })
                .map(addresses -> choose(host, addresses));
    }

    InetAddress choose(String host, InetAddress[] addresses) {
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                Range range = blockedRange(a);
                if (range != null) {
                    LOG.debugf("webhook target %s refused: it resolves to %s, in %s", host, a.getHostAddress(), range);
                    throw new Refused();
                }
            }
        }
        return addresses[0];
    }

    /** The blocked range this address is in, or null when it is a public address. */
    public static Range blockedRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return match(V4, b);
        }
        if (address instanceof Inet6Address) {
            Range range = match(V6, b);
            if (range != null) {
                return range;
            }
            for (Block embedding : V6_EMBEDDING_V4) {
                if (embedding.contains(b)) {
                    return match(V4, Arrays.copyOfRange(b, 12, 16));
                }
            }
            return null;
        }
        return new Range(address.getHostAddress(), "not an IP address", "-");
    }

    /** Every blocked range, for tests and docs. */
    public static List<Range> blockedRanges() {
        return Stream.of(IPV4, IPV6).flatMap(List::stream).toList();
    }

    private static Range match(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.range();
            }
        }
        return null;
    }

    private static byte[] literal(String literal) {
        if (literal.startsWith("::ffff:0:0")) {
            // The JDK turns IPv4-mapped literals into IPv4 addresses: spell the 16 bytes out.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            return mapped;
        }
        try {
            // Literals only: no lookup happens.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
