package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTextRendererTest {

    private static final URI SERVER = URI.create("http://127.0.0.1:8080/authenticate");
    private static final Instant STARTED = Instant.parse("2024-05-01T10:15:30Z");

    private static TraceStep step(String id, String title, StepOutcome outcome, String summary,
                                  Map<String, String> values) {
        return new TraceStep(id, title, outcome, summary, values, Duration.ofMillis(3));
    }

    @Test
    void renderPrintsHeaderStepsValuesAndVerdict() {
        Map<String, String> signValues = new LinkedHashMap<>();
        signValues.put("key", "APENL-4N9L1-2KA9D-3JX0-44LSK");
        signValues.put("nonce", "abc");
        VerificationTrace trace = new VerificationTrace("v1", SERVER, STARTED, List.of(
                step("sign_request", "Sign the request", StepOutcome.PASSED, "Signed.", signValues),
                step("send_request", "Send the request", StepOutcome.FAILED, "Connection refused.",
                        Map.of("URL", SERVER.toString())),
                step("parse_reply", "Read the reply", StepOutcome.SKIPPED, "Not run.", Map.of())),
                Verdict.unreachable("send_request", "Connection refused."));

        String text = TraceTextRenderer.render(trace);

        assertThat(text).isEqualTo("""
                GoodTalk v1 activation at http://127.0.0.1:8080/authenticate, started 2024-05-01T10:15:30Z

                PASS  Sign the request: Signed.
                        key: APENL-4N9L1-2KA9D-3JX0-44LSK
                        nonce: abc
                FAIL  Send the request: Connection refused.
                        URL: http://127.0.0.1:8080/authenticate
                SKIP  Read the reply: Not run.

                Result: server unreachable (failed step send_request). Connection refused.
                """);
    }

    @Test
    void renderIndentsMultiLineValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("reply body", "{\n  \"error\": \"x\"\r\n}");
        values.put("HTTP status", "500");

        String text = TraceTextRenderer.renderValues(values, "  ");

        assertThat(text).isEqualTo("""
                  reply body:
                    {
                      "error": "x"
                    }
                  HTTP status: 500
                """);
    }

    @Test
    void renderValuesOfEmptyMapIsEmpty() {
        assertThat(TraceTextRenderer.renderValues(Map.of(), "  ")).isEmpty();
    }

    @Test
    void markNamesEachOutcome() {
        assertThat(TraceTextRenderer.mark(StepOutcome.PASSED)).isEqualTo("PASS");
        assertThat(TraceTextRenderer.mark(StepOutcome.FAILED)).isEqualTo("FAIL");
        assertThat(TraceTextRenderer.mark(StepOutcome.SKIPPED)).isEqualTo("SKIP");
    }

    @Test
    void describeNamesReasonOrFailedStep() {
        assertThat(TraceTextRenderer.describe(Verdict.activated("Fine.")))
                .isEqualTo("activated. Fine.");
        assertThat(TraceTextRenderer.describe(Verdict.rejected("key_invalid", "Unknown key.")))
                .isEqualTo("rejected by the server (reason key_invalid). Unknown key.");
        assertThat(TraceTextRenderer.describe(Verdict.verificationFailed("check_echo", "Replayed.")))
                .isEqualTo("verification failed (failed step check_echo). Replayed.");
        assertThat(TraceTextRenderer.describe(Verdict.unreachable("send_request", "Refused.")))
                .isEqualTo("server unreachable (failed step send_request). Refused.");
        assertThat(TraceTextRenderer.describe(Verdict.deactivated("Seat freed.")))
                .isEqualTo("deactivated. Seat freed.");
    }

    @Test
    void validationTraceReadsAsValidation() {
        VerificationTrace trace = new VerificationTrace("v2", URI.create("http://127.0.0.1:8080/v2/validate"),
                STARTED, List.of(step("sign_request", "Sign the request", StepOutcome.PASSED, "Signed.",
                        Map.of("operation", "validate"))),
                Verdict.activated("The product key is valid and the server's reply is verified."));

        String text = TraceTextRenderer.render(trace);

        assertThat(text).startsWith("GoodTalk v2 validation at http://127.0.0.1:8080/v2/validate, started ")
                .endsWith("\nResult: valid. The product key is valid and the server's reply is verified.\n");
    }

    @Test
    void deactivationTraceReadsAsDeactivation() {
        VerificationTrace trace = new VerificationTrace("v2", URI.create("http://127.0.0.1:8080/v2/deactivate"),
                STARTED, List.of(step("sign_request", "Sign the request", StepOutcome.PASSED, "Signed.",
                        Map.of("operation", "deactivate"))),
                Verdict.deactivated("This machine's seat is freed."));

        assertThat(TraceTextRenderer.render(trace))
                .startsWith("GoodTalk v2 deactivation at ")
                .endsWith("\nResult: deactivated. This machine's seat is freed.\n");
    }

    @Test
    void renderEscapesTerminalControlCharacters() {
        String esc = "\u001b";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("reply body", "{\"error\":\"" + esc + "[2K" + esc + "[1A\u0007\"}\nline2 \u202egnp.exe\u200b");
        values.put("reason" + esc + "[31m", "bell\u0007");
        VerificationTrace trace = new VerificationTrace("v2", URI.create("http://127.0.0.1:8080/v2/activate"),
                STARTED, List.of(step("parse_reply", "Read the reply", StepOutcome.FAILED,
                        "Bad reply " + esc + "]0;title\u0007.", values)),
                Verdict.rejected("key_invalid" + esc + "[8m", "Hidden " + esc + "[8mtext\u202e\u200b."));

        String text = TraceTextRenderer.render(trace);

        assertThat(text).doesNotContain(esc, "\u0007", "\u202e", "\u200b");
        assertThat(text).contains(
                "FAIL  Read the reply: Bad reply \\u001b]0;title\\u0007.\n",
                "  {\"error\":\"\\u001b[2K\\u001b[1A\\u0007\"}\n",
                "  line2 \\u202egnp.exe\\u200b\n",
                "reason\\u001b[31m: bell\\u0007\n",
                "Result: rejected by the server (reason key_invalid\\u001b[8m). Hidden \\u001b[8mtext\\u202e\\u200b.\n");
    }

    @Test
    void describeEscapesTheVerdictMessage() {
        assertThat(TraceTextRenderer.describe(Verdict.activated("ok\u001b[2K\u2066")))
                .isEqualTo("activated. ok\\u001b[2K\\u2066");
    }
}
