package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
}
