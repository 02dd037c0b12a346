package com.goodtalk.server.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Hides the INFO lines of the connection pool, Flyway and the schema migrator while an admin
 * command runs. A server logs them once at start, but a command would print about twenty of them
 * around a one-line result ({@code db migrate} prints the schema state itself). Warnings and
 * errors still show.
 */
final class LibraryLogs {

    private static final String[] CHATTY_LOGGERS = {
        "com.zaxxer.hikari", "org.flywaydb", "com.goodtalk.server.store.SchemaMigrator"};

    private LibraryLogs() {
    }

    /** Raises those loggers' level to WARN, if Logback is the SLF4J backend; otherwise does nothing. */
    static void quiet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (String name : CHATTY_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null || !logger.getLevel().isGreaterOrEqual(Level.WARN)) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
