package org.sirgiving.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The reason tag of sir_webhooks_attempts_total: by status class, and by the error's type, never its message. */
class AttemptReasonTest {
    @Test
    void statusesFallIntoTheClassesAnOperatorTellsApart() {
        assertEquals(AttemptReason.HTTP_2XX, AttemptReason.ofStatus(204));
        assertEquals(AttemptReason.HTTP_3XX, AttemptReason.ofStatus(302));
        assertEquals(AttemptReason.GONE, AttemptReason.ofStatus(410));
        assertEquals(AttemptReason.HTTP_429, AttemptReason.ofStatus(429));
        assertEquals(AttemptReason.HTTP_4XX, AttemptReason.ofStatus(404));
        assertEquals(AttemptReason.HTTP_5XX, AttemptReason.ofStatus(503));
        assertEquals(AttemptReason.HTTP_OTHER, AttemptReason.ofStatus(101));
        assertEquals("http_5xx", AttemptReason.HTTP_5XX.tag());
    }

    @Test
    void errorsAreClassifiedByTypeAndAConnectTimeoutIsATimeout() {
        assertEquals(AttemptReason.TIMEOUT, AttemptReason.ofError(new TimeoutException("whatever")));
        assertEquals(AttemptReason.TIMEOUT, AttemptReason.ofError(new ConnectTimeoutException("refused")));
        assertEquals(AttemptReason.CONNECTION, AttemptReason.ofError(new ConnectException("timed out")));
        assertEquals(AttemptReason.TLS, AttemptReason.ofError(new SSLHandshakeException("connection")));
        assertEquals(AttemptReason.TARGET_REFUSED, AttemptReason.ofError(new TargetPolicy.Refused()));
        assertEquals(AttemptReason.OTHER, AttemptReason.ofError(new IllegalStateException("timeout")));
    }
}
