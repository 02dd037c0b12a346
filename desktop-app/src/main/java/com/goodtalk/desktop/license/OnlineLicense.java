package com.goodtalk.desktop.license;

import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.LicenseCertificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored license in step with the server: stores the certificate of a verified
 * {@code activated} or {@code valid} reply, re-validates online, and removes the local activation
 * after a deactivation or when the server reports the key revoked or suspended.
 *
 * <p>The product key is never stored. Re-validation and deactivation send the stored certificate
 * instead, which the server verifies; the variants that take a key serve a certificate the
 * server no longer accepts. Only a reply that passed every check changes the stored license: an
 * unreachable server or a tampered or replayed reply leaves it as it was, usable until the grace
 * period after its re-validate-by time ends.
 */
public final class OnlineLicense {

    /** The server statuses that end the local activation at once. */
    public static final Set<String> REMOVING_STATUSES = Set.of("key_revoked", "key_suspended");

    /** The server status for a machine that holds no seat on the license. */
    private static final String NOT_ACTIVATED = "not_activated";

    /** The server status for a certificate it does not accept in place of the product key. */
    private static final String CERTIFICATE_INVALID = "certificate_invalid";

    private static final Logger LOG = LoggerFactory.getLogger(OnlineLicense.class);

    private final StoredLicenseCheck check;

    /** Creates the online side of {@code check}'s stored license. */
    public OnlineLicense(StoredLicenseCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Returns the offline check of the stored license. */
    public StoredLicenseCheck check() {
        return check;
    }

    /**
     * Stores the certificate of a verified v2 {@code activated} or {@code valid} reply if it passes
     * the offline check, and returns the resulting state. A trace of another protocol, a
     * rejection or a reply without a certificate leaves the stored license as it is.
     *
     * @return the state after storing, or empty if the trace carried no certificate to store
     */
    public Optional<LicenseState> storeFrom(VerificationTrace trace) {
        Objects.requireNonNull(trace, "trace");
        Verdict verdict = trace.verdict();
        if (!"v2".equals(trace.protocol()) || !verdict.isActivated() || verdict.licenseCertificate().isEmpty()) {
            return Optional.empty();
        }
        String certificate = verdict.licenseCertificate().get();
        LicenseState state = check.check(certificate, verdict.serverTime());
        if (state.isLicensed()) {
            check.storage().writeCertificate(check.productId(), certificate);
            LOG.info("Stored the license certificate of {} in {}", check.productId(), check.storage().directory());
            return Optional.of(state);
        }
        LOG.warn("Did not store the certificate from {}: {}", trace.server(), state.message());
        return Optional.of(new LicenseState(state.kind(), "The server's certificate was not stored: "
                + state.message(), state.certificate(), state.failedCheck(), state.graceEnds()));
    }

    /**
     * Updates the stored license from the outcome of any v2 exchange: stores the certificate of a
     * verified {@code activated} or {@code valid} reply, and removes the stored license after a
     * verified reply that ends it: a deactivation, {@code key_revoked} or {@code key_suspended}, and
     * for an exchange by certificate also {@code not_activated}.
     *
     * <p>A rejection names no license. An exchange by certificate is about the stored license, but
     * one by key may be about another license, such as a second key typed in by mistake. So after
     * an exchange by key, the stored license is removed only if the key may be its key: the key
     * starts with the visible part of the certificate's masked key ({@code key_hint}).
     *
     * @param productKey the key the exchange sent; empty when it sent the stored certificate
     * @return the state after the change, or empty if the exchange changed nothing
     */
    public Optional<LicenseState> apply(VerificationTrace trace, Optional<String> productKey) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(productKey, "productKey");
        Verdict verdict = trace.verdict();
        if (!"v2".equals(trace.protocol())) {
            return Optional.empty();
        }
        boolean ending = verdict.kind() == Verdict.Kind.DEACTIVATED || endingRejection(verdict, productKey.isEmpty());
        if (ending && productKey.isPresent() && !mayBeStoredLicenseKey(productKey.get())) {
            LOG.info("Kept the stored license of {}: the server's {} was about another license's key", check.productId(),
                    verdict.serverReason().orElse("deactivation"));
            return Optional.empty();
        }
        if (verdict.kind() == Verdict.Kind.DEACTIVATED) {
            check.storage().removeCertificate(check.productId());
            return Optional.of(LicenseState.of(LicenseState.Kind.NOT_STORED, "Deactivated: this machine's seat is"
                    + " freed and the stored license was removed."));
        }
        if (ending) {
            String reason = verdict.serverReason().orElseThrow();
            check.storage().removeCertificate(check.productId());
            LOG.info("Removed the stored license of {} because the server replied {}", check.productId(), reason);
            String finding = reason.equals(NOT_ACTIVATED) ? "reports that this machine holds no seat on the license"
                    : "reports the license as " + reason.substring("key_".length());
            return Optional.of(LicenseState.of(LicenseState.Kind.NOT_STORED, "The server " + finding + ": "
                    + verdict.message() + " The local activation was removed; contact the vendor."));
        }
        return storeFrom(trace);
    }

    /**
     * Tells whether a verified rejection ends the local activation. {@code not_activated} does only
     * for an exchange by certificate, which names the stored license and this machine.
     */
    private static boolean endingRejection(Verdict verdict, boolean byCertificate) {
        Optional<String> reason = verdict.serverReason();
        return verdict.kind() == Verdict.Kind.REJECTED && reason.isPresent()
                && (REMOVING_STATUSES.contains(reason.get()) || (byCertificate && reason.get().equals(NOT_ACTIVATED)));
    }

    /**
     * Tells whether {@code productKey} may be the key of the stored license: it starts, as typed or
     * normalised, with the visible part of the certificate's masked key. Without a stored
     * certificate that passes the offline check there is nothing to protect, so any key may be.
     */
    private boolean mayBeStoredLicenseKey(String productKey) {
        Optional<LicenseCertificate> stored = check.check().certificate();
        if (stored.isEmpty()) {
            return true;
        }
        String hint = stored.get().keyHint();
        String visible = hint.endsWith("****") ? hint.substring(0, hint.length() - 4) : hint;
        String typed = productKey.strip();
        String normalized;
        try {
            normalized = ProductKeys.normalize(typed);
        } catch (InvalidProductKeyException e) {
            normalized = typed;
        }
        return typed.startsWith(visible) || normalized.startsWith(visible);
    }

    /**
     * Validates the stored license online by its certificate, without the product key, and updates
     * the stored license from the reply: a {@code valid} reply replaces the certificate, a
     * {@code key_revoked}, {@code key_suspended} or {@code not_activated} rejection removes it, and an unreachable server or
     * a reply that fails a check leaves it in place as {@link LicenseState.Kind#OFFLINE_GRACE} while
     * the grace period lasts.
     *
     * @return the trace of the exchange and the state of the stored license after it
     * @throws IllegalStateException if no stored certificate passes the offline check, so the product
     *                               key is needed; the message says why
     */
    public Result revalidate(V2Client client) {
        Objects.requireNonNull(client, "client");
        return afterRevalidation(client.validate(storedCertificate()), Optional.empty());
    }

    /**
     * Validates {@code productKey} online and updates the stored license from the reply, as
     * {@link #revalidate(V2Client)} does.
     *
     * @return the trace of the exchange and the state of the stored license after it
     * @throws IllegalArgumentException if the key is blank or too long to send
     */
    public Result revalidate(V2Client client, String productKey) {
        return afterRevalidation(client.validate(productKey), Optional.of(productKey));
    }

    private Result afterRevalidation(VerificationTrace trace, Optional<String> productKey) {
        Optional<LicenseState> changed = apply(trace, productKey);
        if (changed.isPresent()) {
            return new Result(trace, changed.get());
        }
        Verdict verdict = trace.verdict();
        LicenseState stored = check.check();
        boolean noVerifiedReply = verdict.kind() == Verdict.Kind.UNREACHABLE
                || verdict.kind() == Verdict.Kind.VERIFICATION_FAILED;
        if (noVerifiedReply && stored.kind() == LicenseState.Kind.REVALIDATION_DUE) {
            return new Result(trace, offlineGrace(stored, verdict));
        }
        String prefix = switch (verdict.kind()) {
            case ACTIVATED -> "The server confirmed the license but sent no certificate, so the stored one is kept. ";
            case UNREACHABLE -> "The license server could not be reached: " + verdict.message() + " ";
            case REJECTED -> verdict.serverReason().filter(CERTIFICATE_INVALID::equals).isPresent()
                    ? "The server did not accept the stored certificate: " + verdict.message() + " Enter the product"
                            + " key in the key field and re-validate. "
                    : "Re-validation failed: " + verdict.message() + " ";
            default -> "Re-validation failed: " + verdict.message() + " ";
        };
        return new Result(trace, withPrefix(stored, prefix));
    }

    private static LicenseState offlineGrace(LicenseState due, Verdict verdict) {
        Instant graceEnds = due.graceEnds().orElseThrow();
        String reason = verdict.kind() == Verdict.Kind.UNREACHABLE
                ? "the license server could not be reached (" + verdict.message() + ")"
                : "the server's reply failed the check " + verdict.failedStepId().orElse("unknown") + " and was"
                        + " ignored (" + verdict.message() + ")";
        LOG.info("Online re-validation failed; the license stays usable offline until {}", graceEnds);
        return new LicenseState(LicenseState.Kind.OFFLINE_GRACE, "Offline, grace until " + graceEnds + ": " + reason
                + ". " + due.message(), due.certificate(), Optional.empty(), due.graceEnds());
    }

    /**
     * Frees this machine's seat by the stored certificate, without the product key, and once the
     * server confirms, removes the stored license.
     *
     * @throws IllegalStateException if no stored certificate passes the offline check
     */
    public Result deactivate(V2Client client) {
        Objects.requireNonNull(client, "client");
        return afterDeactivation(client.deactivate(storedCertificate()), Optional.empty());
    }

    /**
     * Frees this machine's seat on {@code productKey} and, once the server confirms, removes the stored license.
     *
     * @throws IllegalArgumentException if the key is blank or too long to send
     */
    public Result deactivate(V2Client client, String productKey) {
        return afterDeactivation(client.deactivate(productKey), Optional.of(productKey));
    }

    private Result afterDeactivation(VerificationTrace trace, Optional<String> productKey) {
        Optional<LicenseState> changed = apply(trace, productKey);
        if (changed.isPresent()) {
            return new Result(trace, changed.get());
        }
        return new Result(trace, withPrefix(check.check(), "Deactivation failed: " + trace.verdict().message() + " "));
    }

    /** Returns the stored certificate if it passes the offline check; past its re-validate-by time counts. */
    private LicenseCertificate storedCertificate() {
        LicenseState state = check.check();
        return state.certificate().orElseThrow(() -> new IllegalStateException("No stored license certificate"
                + " can be sent instead of the product key: " + state.message()));
    }

    private static LicenseState withPrefix(LicenseState state, String prefix) {
        return new LicenseState(state.kind(), prefix + state.message(), state.certificate(), state.failedCheck(),
                state.graceEnds());
    }

    /**
     * The outcome of an online exchange about the stored license.
     *
     * @param trace the exchange's verification trace
     * @param state the stored license's state after it
     */
    public record Result(VerificationTrace trace, LicenseState state) {

        public Result {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(state, "state");
        }
    }
}
