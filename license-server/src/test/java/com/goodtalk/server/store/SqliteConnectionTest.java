package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** SQLite settings on every pooled connection, and the retries when another connection holds the write lock. */
class SqliteConnectionTest {

    private SqliteBackend backend;

    @BeforeEach
    void createBackend() throws Exception {
        backend = new SqliteBackend();
    }

    @AfterEach
    void closeBackend() throws Exception {
        backend.close();
    }

    @Test
    void pooledConnectionsHaveSqliteSettings() throws SQLException {
        JdbcLicenseStore store = (JdbcLicenseStore) backend.open(
                backend.config().maxPoolSize(3).busyTimeout(Duration.ofMillis(1234)).build());
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(store.connection());
            }
            for (Connection connection : held) {
                assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(connection, "busy_timeout")).isEqualTo("1234");
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void busyDatabaseIsRetriedUntilLockIsFree() throws SQLException {
        LicenseStore store = backend.open(backend.config().busyTimeout(Duration.ZERO).maxAttempts(5).build());
        TestLicenses.issue(store, 1);
        try (Connection locker = backend.rawConnection(); Statement lock = locker.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            RetryListener listener = new RetryListener(() -> lock.execute("ROLLBACK"));

            ActivationResult result = listener.during(() -> store.activate(KEY, "machine-a"));

            assertThat(listener.retries).isEqualTo(1);
            assertThat(result.isActivated()).isTrue();
        }
    }

    @Test
    void lockHeldThroughAllAttemptsFailsWithAdvice() throws SQLException {
        LicenseStore store = backend.open(backend.config()
                .busyTimeout(Duration.ZERO).maxAttempts(3).retryBaseDelay(Duration.ofMillis(1)).build());
        TestLicenses.issue(store, 1);
        try (Connection locker = backend.rawConnection(); Statement lock = locker.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> store.activate(KEY, "machine-a"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("stayed busy or in conflict through 3 attempts")
                    .hasMessageContaining("raise busyTimeout or maxAttempts");

            lock.execute("ROLLBACK");
        }
        assertThat(store.activate(KEY, "machine-a").isActivated()).isTrue();
    }

    @Test
    void storesOpeningNewFileTogetherBothMigrate() throws Exception {
        // Without the second migration attempt, about three rounds in ten failed on a 2-core machine.
        for (int round = 0; round < 10; round++) {
            try (SqliteBackend fresh = new SqliteBackend()) {
                StoreConfig config = fresh.config().build();
                List<LicenseStore> stores = openTogether(() -> fresh.open(config), () -> fresh.open(config));

                assertThat(stores).hasSize(2);
                assertThat(stores.get(1).migrate()).isZero();
            }
        }
    }

    private static List<LicenseStore> openTogether(Callable<LicenseStore> first, Callable<LicenseStore> second)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<LicenseStore> one = threads.submit(() -> {
                go.await();
                return first.call();
            });
            Future<LicenseStore> two = threads.submit(() -> {
                go.await();
                return second.call();
            });
            go.countDown();
            return List.of(one.get(1, TimeUnit.MINUTES), two.get(1, TimeUnit.MINUTES));
        } finally {
            threads.shutdownNow();
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Runs an action when the store logs its first retry, and counts the retries it logs. */
    private static final class RetryListener extends AppenderBase<ILoggingEvent> {

        interface SqlAction {
            void run() throws SQLException;
        }

        private final SqlAction onFirstRetry;
        private int retries;

        RetryListener(SqlAction onFirstRetry) {
            this.onFirstRetry = onFirstRetry;
        }

        <T> T during(java.util.function.Supplier<T> work) {
            Logger logger = (Logger) LoggerFactory.getLogger(Transactions.class);
            setContext(logger.getLoggerContext());
            start();
            logger.addAppender(this);
            try {
                return work.get();
            } finally {
                logger.detachAppender(this);
                stop();
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getFormattedMessage().contains("retrying")) {
                return;
            }
            retries++;
            if (retries == 1) {
                try {
                    onFirstRetry.run();
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not release the test's lock", e);
                }
            }
        }
    }
}
