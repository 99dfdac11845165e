package org.sirgiving.partnerauth.errors;

import java.net.ConnectException;

/** Recognises failures that mean "the database cannot be reached", which answer 503 rather than 500. */
public final class DatabaseUnavailable {
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.equals("io.vertx.core.VertxException") && String.valueOf(t.getMessage()).contains("Connection")) {
                return true;
            }
            if (name.equals("io.vertx.pgclient.PgException") && String.valueOf(t.getMessage()).contains("57P")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private DatabaseUnavailable() {
    }
}
