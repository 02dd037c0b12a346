package com.goodtalk.server.v2;

import static com.goodtalk.server.v2.V2Fixtures.assertRejected;
import static com.goodtalk.server.v2.V2Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.license.LicenseDecision;
import com.goodtalk.server.license.LicenseService;
import com.goodtalk.server.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A license service that fails, as a database that is down would, must not turn into a 5xx on
 * the v2 path: the client gets a signed {@code rate_limited} reply that echoes its jti, and the
 * server logs the failure once.
 */
class InternalErrorTest {

    /** Fails every call, standing in for a license store whose database is unreachable. */
    private static final class UnreachableStore implements LicenseService {
        @Override
        public LicenseDecision activate(String productKey, String machine) {
            throw new IllegalStateException("the license database is unreachable");
        }

        @Override
        public LicenseDecision validate(String productKey, String machine) {
            throw new IllegalStateException("the license database is unreachable");
        }

        @Override
        public LicenseDecision deactivate(String productKey, String machine) {
            throw new IllegalStateException("the license database is unreachable");
        }

        @Override
        public LicenseDecision validateLicense(long licenseId, String machine) {
            throw new IllegalStateException("the license database is unreachable");
        }

        @Override
        public LicenseDecision deactivateLicense(long licenseId, String machine) {
            throw new IllegalStateException("the license database is unreachable");
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().licenseService(new UnreachableStore()).build();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(appender);
    }

    @Test
    void failingLicenseServiceGetsSignedRateLimited() {
        VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate(DemoKeys.KEYS.get(0));

        assertRejected(trace, "rate_limited");
        assertThat(value(trace, StepId.READ_DECISION, "HTTP status")).isEqualTo("429");
        assertThat(value(trace, StepId.CHECK_ECHO, "req_jti")).as("the reply echoes the verified jti")
                .isEqualTo("\"" + value(trace, StepId.SIGN_REQUEST, "jti") + "\"");
        assertThat(trace.verdict().message()).contains("internal error").doesNotContain("database");

        List<ILoggingEvent> errors = appender.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("replying rate_limited");
        assertThat(errors.get(0).getThrowableProxy().getMessage()).isEqualTo("the license database is unreachable");
    }
}
