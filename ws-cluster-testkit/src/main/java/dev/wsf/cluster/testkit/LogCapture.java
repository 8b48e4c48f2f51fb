package dev.wsf.cluster.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a class logs through {@code System.Logger} (which goes to java.util.logging here), every
 * level, from {@link #of} until {@link #close}.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures what {@code source}'s logger (named after the class) logs. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** The messages logged at {@code atLeast} or above, in order. */
    public List<String> messages(Level atLeast) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                    .map(LogRecord::getMessage).toList();
        }
    }

    /**
     * The messages logged at {@code atLeast} or above, in order, by the bus's own level names: for
     * a test compiled into a module that does not read java.logging.
     */
    public List<String> messagesAtLeast(System.Logger.Level atLeast) {
        return messages(switch (atLeast) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINER;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        });
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(null);
    }
}
