package dev.wsf.runtime.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one class logs while open; DEBUG (FINE) too after {@link #debug()}. The runtime
 * logs through System.Logger, which goes to java.util.logging when no other backend is installed,
 * as in these tests.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger; // held: java.util.logging keeps loggers only weakly
    private final Level previous;

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previous = logger.getLevel();
        logger.addHandler(this);
    }

    /** Collects DEBUG and TRACE messages too (FINE and below), until closed. */
    public LogCapture debug() {
        logger.setLevel(Level.ALL);
        return this;
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    /** Everything logged under a logger name prefix, e.g. {@code "dev.wsf"} for the whole framework. */
    public static LogCapture under(String prefix) {
        return new LogCapture(Logger.getLogger(prefix));
    }

    /** The messages logged at {@code level} or above, in order. */
    public List<String> messagesAtLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogRecord::getMessage).toList();
    }

    /**
     * Keeps what this captures off the console until {@link #close()}, for tests that cause
     * failures on purpose and check the log themselves.
     */
    public LogCapture quietly() {
        logger.setUseParentHandlers(false);
        return this;
    }

    /** The records logged at {@code level} or above, in order. */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** The messages logged at exactly {@code level}, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
        logger.setLevel(previous);
    }
}
