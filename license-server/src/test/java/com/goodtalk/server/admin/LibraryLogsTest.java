package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LibraryLogsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void commandHidesLibraryInfoAndRestoresLevels() {
        Logger flyway = (Logger) LoggerFactory.getLogger("org.flywaydb");
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        Level flywayBefore = flyway.getLevel();
        Level hikariBefore = hikari.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(flyway.getLoggerContext());
        events.start();
        flyway.addAppender(events);
        hikari.addAppender(events);
        try {
            AdminCli.Result result = AdminCli.sqlite(dataDirectory).runOnStore("db", "migrate");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(events.list).noneMatch(event -> event.getLevel() == Level.INFO);
        } finally {
            flyway.detachAppender(events);
            hikari.detachAppender(events);
        }
        assertThat(flyway.getLevel()).isEqualTo(flywayBefore);
        assertThat(hikari.getLevel()).isEqualTo(hikariBefore);
        assertThat(flyway.getEffectiveLevel()).isEqualTo(Level.INFO);
    }
}
