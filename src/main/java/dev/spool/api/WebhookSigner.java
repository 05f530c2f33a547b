package dev.spool.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Webhook signatures: HMAC-SHA256 over {@code <timestamp>.<body>}, sent as {@code Spool-Signature: v1=<hex>}
 * with {@code Spool-Timestamp: <unix seconds>}. A receiver recomputes the HMAC with the shared secret,
 * compares in constant time, and rejects timestamps older than its tolerance (replays).
 */
public final class WebhookSigner {
    public static final String SIGNATURE_HEADER = "Spool-Signature";
    public static final String TIMESTAMP_HEADER = "Spool-Timestamp";

    private final byte[] secret;

    public WebhookSigner(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code v1=<hex HMAC-SHA256 of timestamp + "." + body>}. */
    public String sign(long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What a receiver does: true when {@code signature} matches, compared in constant time. */
    public boolean verify(long timestampSeconds, String body, String signature) {
        if (signature == null) return false;
        return MessageDigest.isEqual(sign(timestampSeconds, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookSigner[secret=***]";
    }
}
