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

/**
 * Where webhooks may be sent (SSRF guard), checked at registration and again before every attempt, since DNS can
 * change in between. Every address a host resolves to must be public; the sender then connects to the address
 * checked here (not to a second lookup), so a rebinding DNS answer cannot slip an internal address in.
 */
@ApplicationScoped
public class TargetPolicy {
    /** A target this policy refuses; the message says why, for the partner. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private record Block(byte[] prefix, int bits, String why) {
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

    private static final List<Block> V4 = List.of(
            block("0.0.0.0", 8, "an unspecified address"),
            block("10.0.0.0", 8, "a private address"),
            block("100.64.0.0", 10, "a carrier-grade NAT address"),
            block("127.0.0.0", 8, "a loopback address"),
            block("169.254.0.0", 16, "a link-local address (cloud metadata lives here)"),
            block("172.16.0.0", 12, "a private address"),
            block("192.0.0.0", 24, "an IETF protocol address"),
            block("192.168.0.0", 16, "a private address"),
            block("198.18.0.0", 15, "a benchmarking address"),
            block("224.0.0.0", 4, "a multicast address"),
            block("240.0.0.0", 4, "a reserved or broadcast address"));
    private static final List<Block> V6 = List.of(
            block("::", 128, "an unspecified address"),
            block("::1", 128, "a loopback address"),
            block("fc00::", 7, "a private (unique local) address"),
            block("fec0::", 10, "a private (site-local) address"),
            block("fe80::", 10, "a link-local address"),
            block("ff00::", 8, "a multicast address"));
    /** IPv6 forms that carry an IPv4 address, judged by that address: mapped, NAT64, IPv4-compatible (byte offset 12); 6to4 (offset 2). */
    private static final List<Block> V6_EMBEDDING_V4_AT_12 =
            List.of(mapped(), block("64:ff9b::", 96, ""), block("::", 96, ""));

    private static final Block SIX_TO_FOUR = block("2002::", 16, "");

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
            return Uni.createFrom().failure(new Refused("the URL has no host"));
        }
        // The JDK resolver blocks: run it on a worker; the result comes back on the caller's context.
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
                .onFailure(UnknownHostException.class)
                .transform(e -> new Refused("the host " + host + " does not resolve"))
                .map(addresses -> choose(host, addresses));
    }

    InetAddress choose(String host, InetAddress[] addresses) {
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                String why = refusalReason(a);
                if (why != null) {
                    throw new Refused("the host " + host + " resolves to " + a.getHostAddress() + ", " + why
                            + "; webhooks go to public addresses only");
                }
            }
        }
        return addresses[0];
    }

    /** Why this address may not receive webhooks, or null when it is a public address. */
    public static String refusalReason(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return match(V4, b);
        }
        if (address instanceof Inet6Address) {
            String why = match(V6, b);
            if (why != null) {
                return why;
            }
            for (Block embedding : V6_EMBEDDING_V4_AT_12) {
                if (embedding.contains(b) && !isZero(b, 12, 16)) {
                    return match(V4, Arrays.copyOfRange(b, 12, 16));
                }
            }
            if (SIX_TO_FOUR.contains(b)) {
                return match(V4, Arrays.copyOfRange(b, 2, 6));
            }
            return null;
        }
        return "not an IP address";
    }

    private static String match(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.why();
            }
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** ::ffff:0:0/96 (the JDK turns such literals into IPv4 addresses, so it is spelled out). */
    private static Block mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return new Block(prefix, 96, "");
    }

    private static Block block(String literal, int bits, String why) {
        try {
            // Literals only: no lookup happens.
            return new Block(InetAddress.getByName(literal).getAddress(), bits, why);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
