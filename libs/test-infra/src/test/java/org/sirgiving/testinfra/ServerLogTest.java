package org.sirgiving.testinfra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ServerLogTest {
    @Test
    void aFailureLoggedForARequestIsFoundByItsIdWithItsStackTrace() {
        ServerLog.ensureInstalled();
        Logger log = Logger.getLogger("org.sirgiving.kernel.errors.ApiExceptionMappers");
        log.log(Level.SEVERE, "Unexpected failure on request req_one", new IllegalStateException("the cause"));
        log.log(Level.SEVERE, "Unexpected failure on request req_two", new IllegalArgumentException("another"));
        log.info("req_one at info is not kept");

        String about = ServerLog.about("req_one");
        assertTrue(about.contains("IllegalStateException: the cause"), about);
        assertTrue(about.contains("ServerLogTest"), "the stack trace is kept: " + about);
        assertFalse(about.contains("another"), about);
        assertFalse(about.contains("not kept"), about);
    }

    @Test
    void installingTwiceKeepsOneCopyOfEachRecord() {
        ServerLog.ensureInstalled();
        ServerLog.ensureInstalled();
        Logger.getLogger("x").warning("once req_three");
        assertTrue(ServerLog.about("req_three").indexOf("req_three")
                == ServerLog.about("req_three").lastIndexOf("req_three"));
    }
}
