package com.goodtalk.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in database transactions and runs it again, a bounded number of times with growing
 * random waits, when the database reports a busy lock (SQLite) or a serialisation conflict
 * (PostgreSQL). Exceptions that are not retryable end the transaction with a rollback and pass through.
 */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final long MAX_DELAY_MILLIS = 1_000;

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final int maxAttempts;
    private final Duration baseDelay;

    Transactions(HikariDataSource dataSource, SqlDialect dialect, int maxAttempts, Duration baseDelay) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in a write transaction that locks what it reads; see {@link SqlDialect#begin}. */
    <T> T write(String operation, SqlWork<T> work) {
        return withRetries(operation, connection -> {
            dialect.begin(connection);
            try {
                T result = work.run(connection);
                dialect.commit(connection);
                return result;
            } catch (SQLException | RuntimeException failure) {
                rollbackQuietly(connection, failure);
                throw failure;
            }
        });
    }

    /** Runs {@code work} in auto-commit mode; use it for single statements that only read. */
    <T> T read(String operation, SqlWork<T> work) {
        return withRetries(operation, work);
    }

    private <T> T withRetries(String operation, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            } catch (SQLException failure) {
                if (dialect.isUniqueViolation(failure)) {
                    throw new ConflictException(operation + " failed because another store instance stored the same"
                            + " product code, key or seat at the same moment (" + failure.getMessage()
                            + "). Look up the stored row and retry if it is still needed.");
                }
                if (!dialect.isRetryable(failure)) {
                    throw new StoreException(operation + " failed in " + dialect.displayName() + ": "
                            + failure.getMessage(), failure);
                }
                if (attempt >= maxAttempts) {
                    throw new StoreException(operation + " failed: the " + dialect.displayName()
                            + " database stayed busy or in conflict through " + maxAttempts + " attempts ("
                            + failure.getMessage() + "). Retry later, or raise busyTimeout or maxAttempts.", failure);
                }
                long delay = delayMillis(attempt);
                LOG.info("{} hit a busy or conflicting {} transaction (attempt {} of {}, SQL state {}); retrying in {} ms",
                        operation, dialect.displayName(), attempt, maxAttempts, failure.getSQLState(), delay);
                pause(delay, operation);
            }
        }
    }

    /** Doubles the wait with each attempt up to one second, and picks a random point in it so that retries spread out. */
    private long delayMillis(int attempt) {
        long ceiling = Math.min(MAX_DELAY_MILLIS, baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static void pause(long millis, String operation) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + " was interrupted while waiting to retry.", interrupted);
        }
    }

    /**
     * Rolls back, and takes the connection out of the pool when that fails: the pool cannot see a
     * SQLite transaction begun by a statement, and the next borrower must not inherit it.
     */
    private void rollbackQuietly(Connection connection, Exception cause) {
        try {
            dialect.rollback(connection);
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            dataSource.evictConnection(connection);
        }
    }
}
