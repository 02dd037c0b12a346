package com.goodtalk.desktop;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures Logback in code: warnings and errors go to stderr, so that stdout carries nothing
 * but command output. Logback finds this class through {@code ServiceLoader}
 * ({@code META-INF/services}) before it looks for XML files, so the app does not load Logback's
 * XML configurator and an XML parser at every start.
 *
 * <p>With the system property {@value #CONFIGURATION_FILE_PROPERTY} set, or a
 * {@value #TEST_CONFIGURATION} on the class path, it leaves the configuration to Logback's XML
 * configurator, which reads that file.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    /** The system property that names a Logback XML file, which then replaces this configuration. */
    static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

    /** The resource that tests put on the class path to configure Logback. */
    static final String TEST_CONFIGURATION = "logback-test.xml";

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

    /** Creates the configurator, which Logback does through {@code ServiceLoader}. */
    public LoggingConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean xmlRequested = System.getProperty(CONFIGURATION_FILE_PROPERTY) != null
                || LoggingConfigurator.class.getClassLoader().getResource(TEST_CONFIGURATION) != null;
        return configure(context, xmlRequested);
    }

    /** Configures {@code context}, unless {@code xmlRequested}: then it leaves the work to Logback's next configurator. */
    ExecutionStatus configure(LoggerContext context, boolean xmlRequested) {
        if (xmlRequested) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
