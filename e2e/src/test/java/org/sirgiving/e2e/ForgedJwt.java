package org.sirgiving.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * User JWTs as an attacker (or a sloppy identity provider) would present them. Each is a copy of a real token of the
 * local run with one thing changed; those that must still verify are signed with the run's development key (the
 * local run's {@code jwt/dev-private.pem}), so that only the changed claim can be the reason for a refusal.
 */
final class ForgedJwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String publicPem;

    ForgedJwt(Path jwtDir) throws Exception {
        String pem = Files.readString(jwtDir.resolve("dev-private.pem"));
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        this.publicPem = Files.readString(jwtDir.resolve("dev-public.pem"));
    }

    static ObjectNode claimsOf(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return (ObjectNode) PartnerClient.JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    /** {@code token}'s claims, changed by {@code change}, signed RS256 with the run's key. */
    String resigned(String token, Consumer<ObjectNode> change) throws Exception {
        ObjectNode claims = claimsOf(token);
        change.accept(claims);
        return signRs256(claims);
    }

    String signRs256(JsonNode claims) throws Exception {
        String signingInput = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(rsa.sign());
    }

    /** {@code alg: none}, no signature. */
    static String unsigned(String token) throws Exception {
        return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + part(claimsOf(token).toString()) + ".";
    }

    /** The algorithm-confusion attack: HS256 keyed with the verifier's public key. */
    String hs256WithPublicKey(String token) throws Exception {
        String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + part(claimsOf(token).toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicPem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The token with one bit of its signature flipped. */
    static String flippedSignature(String token) {
        int dot = token.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        sig[sig.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + B64.encodeToString(sig);
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
