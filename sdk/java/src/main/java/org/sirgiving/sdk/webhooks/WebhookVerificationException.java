package org.sirgiving.sdk.webhooks;

/** The delivery is not proven to come from SIR Giving (or is too old): answer it 400/401 and do not act on it. */
public class WebhookVerificationException extends RuntimeException {
    public WebhookVerificationException(String message) {
        super(message);
    }

    public WebhookVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
