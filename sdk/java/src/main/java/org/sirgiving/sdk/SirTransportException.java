package org.sirgiving.sdk;

/**
 * No answer from the API: the connection failed or timed out on every attempt. For an idempotent call (a submit, a
 * create with an idempotency key, a read) sending it again with the same key is safe.
 */
public class SirTransportException extends RuntimeException {
    private final int attempts;

    public SirTransportException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }
}
