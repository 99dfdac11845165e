package org.sirgiving.partnerauth.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that must be recoverable (HMAC secrets: the verifier needs them) with AES-256-GCM under a
 * platform key. The sealed form is {@code <keyId>:<base64(iv ‖ ciphertext ‖ tag)>}, so that old ciphertexts
 * stay readable while a new key becomes active (rotation: docs/operations.md).
 */
@ApplicationScoped
public class SecretSealer {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigMapping(prefix = "sir.platform-keys")
    public interface PlatformKeys {
        /** Id of the key new secrets are sealed with. */
        @WithName("active")
        String active();

        /** Every key that may still open a sealed secret: id → base64 of 32 bytes. */
        @WithName("keys")
        Map<String, String> keys();
    }

    private final String activeId;
    private final Map<String, SecretKeySpec> keys;

    public SecretSealer(PlatformKeys config) {
        this.activeId = config.active();
        this.keys = new HashMap<>();
        config.keys().forEach((id, b64) -> {
            byte[] raw = Base64.getDecoder().decode(b64.trim());
            if (raw.length != 32) {
                throw new IllegalStateException("Platform key " + id + " must be 32 bytes (base64)");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(activeId)) {
            throw new IllegalStateException("The active platform key " + activeId + " is not configured");
        }
    }

    public String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return activeId + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + ct.length)
                                    .put(iv)
                                    .put(ct)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal secret", e);
        }
    }

    public String open(String sealed) {
        int colon = sealed.indexOf(':');
        String keyId = colon > 0 ? sealed.substring(0, colon) : "";
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Sealed with unknown platform key '" + keyId + "'");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot open sealed secret", e);
        }
    }

    /** True when the secret was sealed under a key other than the active one (re-seal during rotation). */
    public boolean needsReseal(String sealed) {
        return !sealed.startsWith(activeId + ":");
    }
}
