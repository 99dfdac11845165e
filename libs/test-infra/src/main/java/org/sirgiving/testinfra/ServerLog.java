package org.sirgiving.testinfra;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings and errors the service under test logged (a {@code @QuarkusTest} runs it in this JVM), kept so that a
 * test failing on a 5xx can say why: CI prints only the tail of the build's output, where the service's own stack
 * trace is long gone. A JUL handler on the root logger, which Quarkus's JBoss LogManager serves; Quarkus replaces the
 * root handlers when an app starts, so {@link #ensureInstalled} is called before each answer is read.
 */
public final class ServerLog {
    private static final int KEPT = 200;
    private static final Deque<String> RECORDS = new ArrayDeque<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.WARNING.intValue()) {
                return;
            }
            StringWriter out = new StringWriter();
            out.append(r.getLevel().getName())
                    .append(' ')
                    .append(r.getLoggerName())
                    .append(": ")
                    .append(message(r));
            if (r.getThrown() != null) {
                out.append('\n');
                r.getThrown().printStackTrace(new PrintWriter(out));
            }
            synchronized (RECORDS) {
                RECORDS.addLast(out.toString());
                while (RECORDS.size() > KEPT) {
                    RECORDS.removeFirst();
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private ServerLog() {}

    public static void ensureInstalled() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h == HANDLER) {
                return;
            }
        }
        root.addHandler(HANDLER);
    }

    /** The kept records that mention {@code text} (a request id), or the last few errors when none does. */
    public static String about(String text) {
        synchronized (RECORDS) {
            List<String> matching = RECORDS.stream()
                    .filter(r -> text != null && r.contains(text))
                    .toList();
            if (!matching.isEmpty()) {
                return String.join("\n", matching);
            }
            List<String> errors = RECORDS.stream()
                    .filter(r -> r.startsWith("SEVERE") || r.startsWith("ERROR"))
                    .toList();
            return String.join("\n", errors.subList(Math.max(0, errors.size() - 3), errors.size()));
        }
    }

    private static String message(LogRecord r) {
        String m = r.getMessage();
        Object[] params = r.getParameters();
        if (m == null || params == null || params.length == 0) {
            return String.valueOf(m);
        }
        try {
            // JBoss Logging's f-methods hand over printf-style records; JUL's own use {0} placeholders.
            return m.contains("%") ? String.format(m, params) : java.text.MessageFormat.format(m, params);
        } catch (RuntimeException e) {
            return m;
        }
    }
}
