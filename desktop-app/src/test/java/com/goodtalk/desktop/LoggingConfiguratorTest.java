package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoggingConfiguratorTest {

    @Test
    void configureSendsWarningsToStderr() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new LoggingConfigurator().configure(context, false);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> appender = root.getAppender("STDERR");
        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<ILoggingEvent>) appender).getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) ((ConsoleAppender<ILoggingEvent>) appender).getEncoder();
        assertThat(encoder.getPattern()).isEqualTo(LoggingConfigurator.PATTERN);
    }

    @Test
    void configureDefersToRequestedXml() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new LoggingConfigurator().configure(context, true);

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void configureDefersWhileTestXmlPresent() {
        // The desktop-app tests carry logback-test.xml, so Logback's own configurator must read it.
        assertThat(LoggingConfigurator.class.getClassLoader().getResource(LoggingConfigurator.TEST_CONFIGURATION))
                .isNotNull();

        assertThat(new LoggingConfigurator().configure(new LoggerContext()))
                .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void serviceFileNamesConfigurator() throws IOException {
        try (InputStream services = LoggingConfigurator.class.getClassLoader()
                .getResourceAsStream("META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(services).isNotNull();
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(LoggingConfigurator.class.getName());
        }
    }
}
