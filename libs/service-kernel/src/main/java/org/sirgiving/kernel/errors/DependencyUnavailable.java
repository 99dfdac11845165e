package org.sirgiving.kernel.errors;

/**
 * Another service of ours could not answer a call this one needed (its connection was lost, it timed out, it answered
 * 5xx): the request is answered 503 with {@code Retry-After} and a consumer retries its record, by
 * {@link TransientFailure}. Raised where the call is made, which knows the failure is the dependency's: the transport's
 * own exceptions (a bare {@code IOException} from the REST client, for one) say too little to be classified anywhere
 * else.
 */
public class DependencyUnavailable extends RuntimeException {
    public DependencyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public DependencyUnavailable(String message) {
        super(message);
    }
}
