package com.goodtalk.desktop.license;

import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.license.LicenseCertificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state and actions of the window's license pane, without any control: the stored license
 * as checked at launch, the online re-validation at launch when it is due, "Re-validate now" and
 * "Deactivate". Use it on the JavaFX application thread only; the online exchanges run on the
 * given executor.
 *
 * <p>The product key is never stored. The online exchanges send the stored certificate instead,
 * unless the window's key field ({@code productKey}) contains a key, which then goes in its
 * place, so that a certificate the server no longer accepts can be replaced.
 */
public final class LicenseViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(LicenseViewModel.class);

    private final OnlineLicense online;
    private final Supplier<V2Client> clients;
    private final ObservableValue<String> productKey;
    private final Executor executor;

    private final ReadOnlyObjectWrapper<LicenseState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<VerificationTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final StringBinding headline;
    private final StringBinding message;
    private final BooleanBinding actionsDisabled;

    /**
     * Creates the view model and checks the stored license at once.
     *
     * @param online     the stored license and its online side
     * @param clients    returns the v2 client for the window's server URL; throws
     *                   {@link IllegalArgumentException} with the fix if the URL is invalid
     * @param productKey the window's product key field
     * @param executor   runs the online exchanges, off the JavaFX thread
     */
    public LicenseViewModel(OnlineLicense online, Supplier<V2Client> clients,
                            ObservableValue<String> productKey, Executor executor) {
        this.online = Objects.requireNonNull(online, "online");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.productKey = Objects.requireNonNull(productKey, "productKey");
        this.executor = Objects.requireNonNull(executor, "executor");
        headline = Bindings.createStringBinding(() -> headline(state.get()), state);
        message = Bindings.createStringBinding(() -> state.get() == null ? "" : state.get().message(), state);
        actionsDisabled = Bindings.createBooleanBinding(() -> running.get() || state.get() == null
                || state.get().certificate().isEmpty(), running, state);
        state.set(online.check().check());
    }

    /**
     * Updates the stored license from a finished activation in the window, such as storing its
     * certificate. {@code sentKey} is the key that the activation sent: the key field may show
     * another one by now, and which key was sent decides whether a rejection ends the stored license.
     */
    public void exchangeFinished(VerificationTrace trace, String sentKey) {
        Objects.requireNonNull(sentKey, "sentKey");
        if (trace == null) {
            return;
        }
        try {
            // A window activation always sends a key, never the stored certificate.
            online.apply(trace, Optional.of(sentKey)).ifPresent(state::set);
        } catch (RuntimeException e) {
            LOG.error("Could not update the stored license after the exchange with {}", trace.server(), e);
            state.set(withMessage(state.get(), "The stored license could not be updated: " + e.getMessage()));
        }
    }

    /**
     * Starts the online re-validation that a launch runs when the stored certificate verifies
     * offline but its re-validate-by time has passed, sending the certificate, not a key.
     *
     * @return whether the re-validation started; false when none is due or an exchange is running
     */
    public boolean revalidateIfDue() {
        LicenseState current = state.get();
        boolean due = current != null && current.certificate().map(LicenseCertificate::needsRevalidation)
                .orElse(false);
        if (!due || running.get()) {
            return false;
        }
        LOG.info("The stored license is due for re-validation since {}; validating online",
                current.certificate().get().revalidateBy());
        return start(online::revalidate);
    }

    /**
     * Validates the license online, unless an exchange is running: by the key in the key field if
     * one is typed, otherwise by the stored certificate.
     */
    public boolean revalidate() {
        return run(online::revalidate, online::revalidate);
    }

    /** Frees this machine's seat, by the typed key or else the stored certificate, and removes the stored license. */
    public boolean deactivate() {
        return run(online::deactivate, online::deactivate);
    }

    private boolean run(KeyExchange byKey, CertificateExchange byCertificate) {
        if (actionsDisabled.get()) {
            return false;
        }
        String key = productKey.getValue() == null ? "" : productKey.getValue().strip();
        if (key.isEmpty()) {
            return start(byCertificate);
        }
        return start(client -> byKey.run(client, key));
    }

    private boolean start(CertificateExchange exchange) {
        V2Client client;
        try {
            client = clients.get();
        } catch (IllegalArgumentException e) {
            state.set(withMessage(state.get(), e.getMessage()));
            return false;
        }
        Task<OnlineLicense.Result> task = new Task<>() {
            @Override
            protected OnlineLicense.Result call() {
                return exchange.run(client);
            }
        };
        task.setOnSucceeded(event -> {
            trace.set(task.getValue().trace());
            state.set(task.getValue().state());
            running.set(false);
        });
        task.setOnFailed(event -> {
            LOG.error("The license exchange failed unexpectedly", task.getException());
            state.set(withMessage(state.get(), "The exchange failed: " + task.getException().getMessage()));
            running.set(false);
        });
        running.set(true);
        executor.execute(task);
        return true;
    }

    private static LicenseState withMessage(LicenseState state, String message) {
        return new LicenseState(state.kind(), message, state.certificate(), state.failedCheck(), state.graceEnds());
    }

    private static String headline(LicenseState state) {
        if (state == null) {
            return "";
        }
        return switch (state.kind()) {
            case LICENSED -> "Licensed";
            case REVALIDATION_DUE -> "Licensed; re-validation due";
            case OFFLINE_GRACE -> "Licensed; offline, grace until " + state.graceEnds().map(Instant::toString)
                    .orElse("unknown");
            case GRACE_EXPIRED -> "Not licensed: re-validation overdue";
            case CLOCK_ROLLBACK -> "Not licensed: the system clock was set back";
            case INVALID -> "Not licensed: " + LicenseStateText.headline(state).replace("not licensed, ", "");
            case NOT_STORED -> "Not activated on this machine";
        };
    }

    /** Returns the current state of the stored license. */
    public ReadOnlyObjectProperty<LicenseState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Returns one short line for the top of the pane, such as {@code Licensed}. */
    public StringBinding headlineProperty() {
        return headline;
    }

    /** Returns the state's message: what was found and what to do. */
    public StringBinding messageProperty() {
        return message;
    }

    /** Returns whether an online exchange is running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Returns whether "Re-validate now" and "Deactivate" are unavailable: while one runs or without a certificate. */
    public BooleanBinding actionsDisabledProperty() {
        return actionsDisabled;
    }

    /** Returns the value of a certificate field for display, or empty text without a certificate. */
    public static String field(LicenseState state, Function<LicenseCertificate, String> field) {
        return state == null ? "" : state.certificate().map(field).orElse("");
    }

    /** Returns the expiry for display: the time, or {@code never}. */
    public static String expiry(LicenseCertificate certificate) {
        return certificate.expiresAt().map(Instant::toString).orElse("never");
    }

    /** Returns the trace of the latest online exchange of this pane, or null before the first. */
    public ReadOnlyObjectProperty<VerificationTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    @FunctionalInterface
    private interface KeyExchange {
        OnlineLicense.Result run(V2Client client, String key);
    }

    @FunctionalInterface
    private interface CertificateExchange {
        OnlineLicense.Result run(V2Client client);
    }
}
