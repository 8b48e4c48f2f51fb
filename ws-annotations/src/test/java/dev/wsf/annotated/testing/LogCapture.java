package dev.wsf.annotated.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one class logs while open, DEBUG (FINE) included. The framework logs through
 * System.Logger, which goes to java.util.logging when no other backend is installed, as here.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger; // held: java.util.logging keeps loggers only weakly
    private final Level previous;

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    /** Everything logged under a logger name prefix, e.g. {@code "dev.wsf"}. */
    public static LogCapture under(String prefix) {
        return new LogCapture(Logger.getLogger(prefix));
    }

    /** The messages logged at exactly {@code level}, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    /** The messages logged at any level, in order. */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
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
        logger.setLevel(previous);
    }
}
