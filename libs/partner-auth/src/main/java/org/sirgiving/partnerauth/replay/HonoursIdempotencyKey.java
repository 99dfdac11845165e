package org.sirgiving.partnerauth.replay;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a signed mutating endpoint that answers a repeated request by its idempotency key (docs/partner-api.md
 * section 3): a replay of its signed request is let through when the request carries the key, so the endpoint itself
 * answers 409 IDEMPOTENT with the original. Every other signed mutating request is accepted once ({@link ReplayGuard}).
 * Put it only on endpoints that really honour the key: a PATCH carrying an {@code Idempotency-Key} header is still a
 * replay.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HonoursIdempotencyKey {
    String HEADER_NAME = "Idempotency-Key";

    /** Where the endpoint reads its key. */
    KeyIn value();

    enum KeyIn {
        /** A required body field (actions' {@code idempotencyKey}): every valid request carries it. */
        BODY,
        /** The optional {@code Idempotency-Key} header: only requests carrying it are answered by it. */
        HEADER
    }
}
