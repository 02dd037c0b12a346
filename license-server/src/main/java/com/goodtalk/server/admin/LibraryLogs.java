package com.goodtalk.server.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Hides the INFO lines of the connection pool, Flyway and the schema migrator while an admin
 * command runs. A server logs them once at start, but a command would print about twenty of them
 * around a one-line result ({@code db migrate} prints the schema state itself). Warnings and
 * errors still show.
 */
final class LibraryLogs implements AutoCloseable {

    private static final String[] CHATTY_LOGGERS = {
        "com.zaxxer.hikari", "org.flywaydb", "com.goodtalk.server.store.SchemaMigrator"};

    /** The loggers this instance changed, with their earlier levels ({@code null}: inherited). */
    private final Map<Logger, Level> earlierLevels;

    private LibraryLogs(Map<Logger, Level> earlierLevels) {
        this.earlierLevels = earlierLevels;
    }

    /**
     * Raises those loggers' level to WARN until {@link #close()}, if Logback is the SLF4J backend;
     * otherwise changes nothing.
     */
    static LibraryLogs quiet() {
        Map<Logger, Level> earlierLevels = new LinkedHashMap<>();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : CHATTY_LOGGERS) {
                Logger logger = context.getLogger(name);
                if (!logger.getEffectiveLevel().isGreaterOrEqual(Level.WARN)) {
                    earlierLevels.put(logger, logger.getLevel());
                    logger.setLevel(Level.WARN);
                }
            }
        }
        return new LibraryLogs(earlierLevels);
    }

    /** Restores the earlier levels, so a process that runs a command in-process logs as before. */
    @Override
    public void close() {
        earlierLevels.forEach(Logger::setLevel);
    }
}
