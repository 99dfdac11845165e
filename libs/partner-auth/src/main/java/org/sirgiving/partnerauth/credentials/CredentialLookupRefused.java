package org.sirgiving.partnerauth.credentials;

/**
 * keys-service refused to look a key up (a 4xx other than 404, e.g. 414 for a request line too long): an answer
 * about the request, not a failure of keys-service, so the circuit breaker does not count it and it is not retried;
 * the key counts as unknown.
 */
public class CredentialLookupRefused extends RuntimeException {
    public CredentialLookupRefused(int status) {
        super("keys-service refused the lookup with " + status, null, false, false);
    }
}
