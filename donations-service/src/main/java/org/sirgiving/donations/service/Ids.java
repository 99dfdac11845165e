package org.sirgiving.donations.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids with the platform's prefixes (don_, org_, chg_, …): 24 hex digits from a CSPRNG. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String next(String prefix) {
        return prefix + random(12);
    }

    /** An unguessable token for a URL (the sandbox checkout's): 32 bytes, hex. */
    public static String token() {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Ids() {}
}
