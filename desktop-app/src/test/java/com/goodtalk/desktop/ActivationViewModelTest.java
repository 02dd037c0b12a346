package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.keys.ProductKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the view model on the JavaFX thread without any window. */
class ActivationViewModelTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFxThread(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static ActivationViewModel modelThatMustNotConnect(String serverUrl) {
        ActivationClientFactory noRequests = server -> fail("no client may be created for " + server);
        return new ActivationViewModel(noRequests, "status", serverUrl, Runnable::run);
    }

    @Test
    void blankKeyDisablesActivate() throws Exception {
        ActivationViewModel model = modelThatMustNotConnect("http://127.0.0.1:8080");

        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isTrue();
        onFxThread(() -> {
            model.productKeyProperty().set("   \t");
            return null;
        });
        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isTrue();
        assertThat(onFxThread(model::activate)).isFalse();
    }

    @Test
    void mistypedKeyShowsProblemWithoutRequest() throws Exception {
        ActivationViewModel model = modelThatMustNotConnect("http://127.0.0.1:8080");
        String mistyped = ProductKeyInputTest.mistype(ProductKeys.generate());

        boolean started = onFxThread(() -> {
            model.productKeyProperty().set(mistyped);
            return model.activate();
        });

        assertThat(started).isFalse();
        assertThat(onFxThread(() -> model.keyProblemProperty().get())).contains("mistyped");
        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isTrue();
        assertThat(onFxThread(() -> model.runningProperty().get())).isFalse();
    }

    @Test
    void keyWithForeignCharacterNamesItWithoutRequest() throws Exception {
        ActivationViewModel model = modelThatMustNotConnect("http://127.0.0.1:8080");

        boolean started = onFxThread(() -> {
            model.productKeyProperty().set("APENL-4N9L1-2K\u04109D");
            return model.activate();
        });

        assertThat(started).isFalse();
        assertThat(onFxThread(() -> model.keyProblemProperty().get())).contains("CYRILLIC CAPITAL LETTER A");
    }

    @Test
    void fixingKeyClearsProblem() throws Exception {
        ActivationViewModel model = modelThatMustNotConnect("http://127.0.0.1:8080");
        String key = ProductKeys.generate();

        onFxThread(() -> {
            model.productKeyProperty().set(ProductKeyInputTest.mistype(key));
            return null;
        });
        assertThat(onFxThread(() -> model.keyProblemProperty().get())).isNotEmpty();
        onFxThread(() -> {
            model.productKeyProperty().set(key);
            return null;
        });
        assertThat(onFxThread(() -> model.keyProblemProperty().get())).isEmpty();
        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isFalse();
    }

    @Test
    void invalidServerUrlShowsProblemWithoutRequest() throws Exception {
        for (String url : new String[] {"ftp://x", "localhost:8080", ""}) {
            ActivationViewModel model = modelThatMustNotConnect(url);

            boolean started = onFxThread(() -> {
                model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK");
                return model.activate();
            });

            assertThat(started).as("started with %s", url).isFalse();
            assertThat(onFxThread(() -> model.serverUrlProblemProperty().get())).as("problem for '%s'", url)
                    .isNotEmpty();
            assertThat(onFxThread(() -> model.runningProperty().get())).isFalse();
        }
    }

    @Test
    void editingServerUrlClearsProblem() throws Exception {
        ActivationViewModel model = modelThatMustNotConnect("ftp://x");

        onFxThread(() -> {
            model.productKeyProperty().set("KEY");
            return model.activate();
        });
        assertThat(onFxThread(() -> model.serverUrlProblemProperty().get())).contains("ftp");
        onFxThread(() -> {
            model.serverUrlProperty().set("http://127.0.0.1:8080");
            return null;
        });

        assertThat(onFxThread(() -> model.serverUrlProblemProperty().get())).isEmpty();
    }

    @Test
    void clientExceptionEndsAsInternalErrorBanner() throws Exception {
        ActivationClientFactory brokenClient = server -> key -> {
            throw new IllegalStateException("broken client");
        };
        ActivationViewModel model = new ActivationViewModel(brokenClient, "status", "http://127.0.0.1:8080",
                ActivationViewModel.daemonThreads());

        onFxThread(() -> {
            model.productKeyProperty().set("KEY");
            return model.activate();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.runningProperty().get());

        ResultBanner banner = onFxThread(() -> model.bannerProperty().get());
        assertThat(banner.kind()).isEqualTo(ResultBanner.Kind.INTERNAL_ERROR);
        assertThat(banner.text()).contains("IllegalStateException").doesNotContain("\tat ");
        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isFalse();
    }

    @Test
    void keyClientCannotSendShowsInputProblem() throws Exception {
        ActivationClientFactory strictClient = server -> key -> {
            throw new IllegalArgumentException("The signed request has 20000 bytes, more than the server accepts.");
        };
        ActivationViewModel model = new ActivationViewModel(strictClient, "status", "http://127.0.0.1:8080",
                ActivationViewModel.daemonThreads());

        onFxThread(() -> {
            model.productKeyProperty().set("KEY");
            return model.activate();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.runningProperty().get());

        ResultBanner banner = onFxThread(() -> model.bannerProperty().get());
        assertThat(banner.kind()).isEqualTo(ResultBanner.Kind.INVALID_INPUT);
        assertThat(banner.text()).isEqualTo("Nothing was sent. The signed request has 20000 bytes, more than the"
                + " server accepts.");
    }

    private static VerificationTrace activateAgainst(HeldReplyServer upstream, Duration timeout) throws Exception {
        ActivationViewModel model = new ActivationViewModel(
                ClientFactories.v1(Secret.ofUtf8("test secret"), timeout), "status",
                upstream.baseUri().toString(), ActivationViewModel.daemonThreads());
        onFxThread(() -> {
            model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK");
            return model.activate();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.traceProperty().get() != null);
        assertThat(onFxThread(() -> model.steps().size())).isEqualTo(6);
        return onFxThread(() -> model.traceProperty().get());
    }

    @Test
    void httpErrorFailsSendRequestWithPlainMessage() throws Exception {
        try (HeldReplyServer upstream = HeldReplyServer.answering(500, "text/html", "<h1>Internal error</h1>")) {
            VerificationTrace trace = activateAgainst(upstream, Duration.ofSeconds(10));

            TraceStep send = trace.step(StepId.SEND_REQUEST).orElseThrow();
            assertThat(send.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(send.summary()).isEqualTo("The server answered HTTP 500, which is not a v1 reply."
                    + " Check that the URL points at a GoodTalk license server.");
            assertThat(ResultBanner.of(trace).kind()).isEqualTo(ResultBanner.Kind.UNREACHABLE);
        }
    }

    @Test
    void replyThatIsNotJsonFailsParseReply() throws Exception {
        try (HeldReplyServer upstream = HeldReplyServer.answering(200, "text/plain", "hello, not JSON")) {
            VerificationTrace trace = activateAgainst(upstream, Duration.ofSeconds(10));

            TraceStep parse = trace.step(StepId.PARSE_REPLY).orElseThrow();
            assertThat(parse.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(parse.summary()).startsWith("The reply is not a valid v1 message: ")
                    .doesNotContain("\tat ");
            ResultBanner banner = ResultBanner.of(trace);
            assertThat(banner.kind()).isEqualTo(ResultBanner.Kind.VERIFICATION_FAILED);
            assertThat(banner.text()).startsWith("Verification failed at the step \"Read the reply\".");
        }
    }

    @Test
    void silentServerTimesOutAtSendRequest() throws Exception {
        // The server never releases its reply, so only the client's one-second timeout ends the request.
        try (HeldReplyServer upstream = HeldReplyServer.holding(200, "application/json", "{}")) {
            VerificationTrace trace = activateAgainst(upstream, Duration.ofSeconds(1));

            TraceStep send = trace.step(StepId.SEND_REQUEST).orElseThrow();
            assertThat(send.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(send.summary()).contains("did not reply within 1 s");
            assertThat(ResultBanner.of(trace).kind()).isEqualTo(ResultBanner.Kind.UNREACHABLE);
        }
    }

    private static ActivationViewModel twoProtocols(ProtocolOption v2, Protocol initial) {
        ActivationClientFactory v1Clients = server -> fail("no v1 client may be created for " + server);
        return new ActivationViewModel(List.of(v2, ProtocolOption.available(Protocol.V1, v1Clients, "v1 status")),
                initial, "http://127.0.0.1:8080", Runnable::run);
    }

    @Test
    void unavailableProtocolDisablesActivateAndSaysWhy() throws Exception {
        ActivationViewModel model = twoProtocols(
                ProtocolOption.unavailable(Protocol.V2, "Pass --trusted-keys FILE."), Protocol.V2);

        boolean started = onFxThread(() -> {
            model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK");
            return model.activate();
        });

        assertThat(started).isFalse();
        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isTrue();
        assertThat(onFxThread(() -> model.protocolProblemProperty().get())).isEqualTo("Pass --trusted-keys FILE.");
        assertThat(onFxThread(() -> model.statusProperty().get())).isEmpty();
    }

    @Test
    void choosingAvailableProtocolEnablesActivate() throws Exception {
        ActivationViewModel model = twoProtocols(
                ProtocolOption.unavailable(Protocol.V2, "Pass --trusted-keys FILE."), Protocol.V2);
        onFxThread(() -> {
            model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK");
            model.protocolProperty().set(Protocol.V1);
            return null;
        });

        assertThat(onFxThread(() -> model.activateDisabledProperty().get())).isFalse();
        assertThat(onFxThread(() -> model.protocolProblemProperty().get())).isEmpty();
        assertThat(onFxThread(model::secretStatus)).isEqualTo("v1 status");
    }

    @Test
    void selectedProtocolSignsActivation() throws Exception {
        List<URI> v2Servers = new ArrayList<>();
        ActivationClientFactory v2Clients = server -> {
            v2Servers.add(server);
            return key -> {
                throw new IllegalStateException("stop after choosing the client");
            };
        };
        ActivationViewModel model = twoProtocols(ProtocolOption.available(Protocol.V2, v2Clients, "v2 status"),
                Protocol.V2);

        boolean started = onFxThread(() -> {
            model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK");
            return model.activate();
        });

        assertThat(started).isTrue();
        assertThat(v2Servers).containsExactly(URI.create("http://127.0.0.1:8080"));
        assertThat(onFxThread(() -> model.protocols())).containsExactly(Protocol.V2, Protocol.V1);
        assertThat(onFxThread(model::secretStatus)).isEqualTo("v2 status");
    }

    @Test
    void protocolOfferedTwiceRejected() {
        ProtocolOption v1 = ProtocolOption.unavailable(Protocol.V1, "no");

        assertThatThrownBy(() -> new ActivationViewModel(List.of(v1, v1), Protocol.V1, "", Runnable::run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offered twice");
        assertThatThrownBy(() -> new ActivationViewModel(List.of(v1), Protocol.V2, "", Runnable::run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The initial protocol v2 is not among the offered [v1]");
    }
}
