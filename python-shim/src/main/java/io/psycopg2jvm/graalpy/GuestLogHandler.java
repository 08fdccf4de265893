package io.psycopg2jvm.graalpy;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Where Truffle and GraalPy log records go: to {@code System.err}, one line each, except the
 * warnings this embedding causes on purpose. A script's stderr must look like CPython's, and
 * GraalPy warns on every context start that the native POSIX backend "is not fully supported when
 * embedding" (it means: output redirected with {@code Context.Builder.out()} is bypassed, as
 * standard I/O uses file descriptors 0, 1 and 2 — which is what a {@code python} command wants).
 */
final class GuestLogHandler extends Handler {
    private static final String NATIVE_POSIX_WARNING = "Native Posix backend is not fully supported when embedding";

    private final PrintStream out;
    private final Formatter formatter = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    GuestLogHandler(PrintStream out) {
        this.out = out;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String message = formatter.format(record);
        if (message != null && message.startsWith(NATIVE_POSIX_WARNING)) {
            return;
        }
        out.println("[" + record.getLoggerName() + "] " + record.getLevel() + ": " + message);
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(out);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
