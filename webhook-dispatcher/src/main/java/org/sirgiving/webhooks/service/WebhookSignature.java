package org.sirgiving.webhooks.service;

import java.nio.charset.StandardCharsets;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * The webhook signature of docs/partner-api.md section 6, byte for byte: lowercase hex HMAC-SHA256 keyed with the
 * {@code whsec_…} string as issued, over {@code timestamp + "." + raw body}, sent as {@code sha256=<hex>}.
 */
public final class WebhookSignature {
    public static String sign(String secret, long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return "sha256=" + Crypto.hmacSha256Hex(secret, message);
    }

    private WebhookSignature() {}
}
