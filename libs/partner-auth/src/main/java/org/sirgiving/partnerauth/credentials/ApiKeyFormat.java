package org.sirgiving.partnerauth.credentials;

import org.sirgiving.events.Environment;

/**
 * The shape every issued API key has (docs/partner-api.md section 2): {@code pk_} or {@code sk_}, the environment's
 * mode ({@code test}, {@code live}), {@code _}, then 64 lowercase hex digits. A presented key of any other shape cannot
 * exist, so it is refused before any lookup: it costs no cache entry, no call to keys-service and no breaker count.
 */
public final class ApiKeyFormat {
    private static final int HEX_DIGITS = 64;

    public static boolean isWellFormed(String key) {
        if (key == null || !(key.startsWith("pk_") || key.startsWith("sk_"))) {
            return false;
        }
        for (Environment env : Environment.values()) {
            String prefix = key.substring(0, 3) + env.keyMode() + "_";
            if (key.length() == prefix.length() + HEX_DIGITS && key.startsWith(prefix)) {
                return isLowercaseHex(key, prefix.length());
            }
        }
        return false;
    }

    private static boolean isLowercaseHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private ApiKeyFormat() {}
}
