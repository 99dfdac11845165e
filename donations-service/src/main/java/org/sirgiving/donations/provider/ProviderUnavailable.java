package org.sirgiving.donations.provider;

/**
 * The provider cannot make a checkout now (not configured, unreachable, answering 5xx): the partner gets 503
 * SERVICE_UNAVAILABLE and may retry. Its message is shown to the partner, so it names no secret.
 */
public class ProviderUnavailable extends RuntimeException {
    public ProviderUnavailable(String message) {
        super(message);
    }

    public ProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
