package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultBannerTest {

    private static VerificationTrace trace(String protocol, Verdict verdict, TraceStep... steps) {
        return new VerificationTrace(protocol, URI.create("http://127.0.0.1:8080/v2/activate"), Instant.EPOCH,
                List.of(steps), verdict);
    }

    private static TraceStep decision(StepOutcome outcome, Map<String, String> values) {
        return new TraceStep(StepId.READ_DECISION, "Read the server's decision", outcome, "summary", values,
                Duration.ZERO);
    }

    @Test
    void deactivatedBannerIsItsOwnKind() {
        ResultBanner banner = ResultBanner.of(trace("v2", Verdict.deactivated("This machine's seat is freed."),
                decision(StepOutcome.PASSED, Map.of("status", "deactivated"))));

        assertThat(banner.kind()).isEqualTo(ResultBanner.Kind.DEACTIVATED);
        assertThat(banner.text()).isEqualTo("Deactivated. This machine's seat is freed.");
    }

    @Test
    void v2RejectionShowsWordThenServerSentence() {
        Verdict verdict = Verdict.rejected("seat_limit_reached", "The server rejected the request"
                + " (seat_limit_reached): All 3 seats of this key are in use.");

        ResultBanner banner = ResultBanner.of(trace("v2", verdict, decision(StepOutcome.FAILED,
                Map.of("status", "seat_limit_reached", "message", "All 3 seats of this key are in use."))));

        assertThat(banner.kind()).isEqualTo(ResultBanner.Kind.REJECTED);
        assertThat(banner.text()).isEqualTo("Rejected by the server: seat_limit_reached."
                + " All 3 seats of this key are in use.");
    }

    @Test
    void v1RejectionShowsReasonAndVerdictMessage() {
        ResultBanner banner = ResultBanner.of(trace("v1", Verdict.rejected("key_invalid", "The key is unknown."),
                decision(StepOutcome.FAILED, Map.of("reason", "key_invalid"))));

        assertThat(banner.text()).isEqualTo("Rejected by the server: key_invalid. The key is unknown.");
    }
}
