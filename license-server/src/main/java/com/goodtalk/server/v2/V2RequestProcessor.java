package com.goodtalk.server.v2;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.KeyCheckResult;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.InvalidCertificateException;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.ReplayCache;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2RequestRejectedException;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.protocol.v2.VerifiedV2Request;
import com.goodtalk.server.license.LicenseDecision;
import com.goodtalk.server.license.LicenseService;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one v2 request body and signs the reply, in the protocol's check order.
 *
 * <ol>
 *   <li>to 6. {@link V2RequestVerifier}: size, compact-JWS syntax, header, HMAC, claims, {@code iat};</li>
 *   <li value="7">the {@link ReplayCache}: a {@code jti} seen before gets {@code replayed}, a full
 *       cache {@code rate_limited};</li>
 *   <li value="8">the product key through {@link ProductKeys#normalize(String)} and the machine
 *       through {@link MachineFingerprint#isWellFormed(String)}, either failing as {@code malformed};
 *       a new-format key whose check character does not match gets {@code key_invalid} without a
 *       lookup; then the {@link LicenseService}. A validate or deactivate request that carries a
 *       license certificate instead of a key gets the certificate verified with the server's own
 *       signing keys ({@link LicenseCertificate#verifyForRevalidation}) and for the request's machine,
 *       failing as {@code certificate_invalid}; then the license it names goes to the service.</li>
 * </ol>
 *
 * <p>Every outcome is a signed reply; a bug that throws is logged once and answered
 * {@code rate_limited}, never with a 5xx. The key and machine checks run only after the HMAC verified
 * and the {@code jti} was recorded, so an unsigned request learns nothing about key formats and a
 * replayed one cannot probe them.
 *
 * <p>Instances are safe to share between threads when the replay cache and the license service are.
 */
public final class V2RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(V2RequestProcessor.class);

    /** The placeholder for the masked key in the log line of a request that names the license by certificate. */
    private static final String CERTIFICATE = "(certificate)";

    /** The log detail of a request that the license service decided on the license its product key names. */
    private static final String DECIDED_BY_KEY = "license looked up by product key";

    /** The log detail of a request that the license service decided on the license its certificate names. */
    private static final String DECIDED_BY_CERTIFICATE = "license looked up by certificate";

    private final V2RequestVerifier verifier;
    private final ReplayCache replayCache;
    private final V2ReplySigner signer;
    private final LicenseService licenses;
    private final JsonWebKeySet issuerKeys;
    private final Clock clock;

    /**
     * Creates the processor.
     *
     * @param issuerKeys the public keys of the signing keys this server holds, active and older ones,
     *                   with which license certificates sent instead of a key must verify
     * @param clock      the server clock
     */
    public V2RequestProcessor(V2RequestVerifier verifier, ReplayCache replayCache, V2ReplySigner signer,
                              LicenseService licenses, JsonWebKeySet issuerKeys, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.licenses = Objects.requireNonNull(licenses, "licenses");
        this.issuerKeys = Objects.requireNonNull(issuerKeys, "issuerKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Decides a request body that arrived at {@code endpoint}. An exception from a bug in the
     * server or its libraries is logged once and gets a signed {@code rate_limited} reply.
     *
     * @param body the body exactly as received, up to {@value V2Protocol#MAX_REQUEST_BYTES} + 1 bytes
     */
    public V2Outcome process(V2Operation endpoint, byte[] body) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        VerifiedV2Request request;
        try {
            request = verifier.verify(endpoint, body);
        } catch (V2RequestRejectedException e) {
            return new V2Outcome(signer.signRejection(e), V2Outcome.UNKNOWN, V2Outcome.UNKNOWN,
                    "check " + e.check().name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            LOG.error("Failed to verify a v2 {} request; replying rate_limited", endpoint.claim(), e);
            return internalError(body, null);
        }
        try {
            return decide(request);
        } catch (RuntimeException e) {
            LOG.error("Failed to decide the v2 {} request {}; replying rate_limited", endpoint.claim(), request, e);
            return internalError(body, request.jti());
        }
    }

    /** Runs checks 7 and 8 on a verified request. */
    private V2Outcome decide(VerifiedV2Request request) {
        Optional<V2Status> replayRejection = replayCache.checkAndRecord(request).rejectionStatus();
        if (replayRejection.isPresent()) {
            return replayRejected(request, replayRejection.get());
        }
        if (request.certificate().isPresent()) {
            return decideByCertificate(request, request.certificate().get());
        }

        String key;
        try {
            key = ProductKeys.normalize(request.productKey());
        } catch (InvalidProductKeyException e) {
            // The message names the character and its position but never repeats the key.
            return rejected(request, ProductKeys.mask(request.productKey()), V2Status.MALFORMED,
                    "The claim key has an " + e.getMessage() + ".", "key format");
        }
        String maskedKey = ProductKeys.mask(key);
        if (!MachineFingerprint.isWellFormed(request.machine())) {
            return rejected(request, maskedKey, V2Status.MALFORMED, "The claim machine is not a machine"
                    + " fingerprint: send \"" + MachineFingerprint.SCHEME + ":\" followed by 43 base64url characters,"
                    + " as MachineFingerprint.of computes it.", "machine format");
        }
        KeyCheckResult keyCheck = ProductKeys.check(key);
        if (!keyCheck.isAccepted()) {
            return rejected(request, maskedKey, V2Status.KEY_INVALID, capitalize(keyCheck.message()) + ".",
                    "key check character");
        }

        LicenseDecision decision = switch (request.operation()) {
            case ACTIVATE -> licenses.activate(key, request.machine());
            case VALIDATE -> licenses.validate(key, request.machine());
            case DEACTIVATE -> licenses.deactivate(key, request.machine());
        };
        return new V2Outcome(signer.sign(request, decision.status().replyStatus(), decision.message(),
                decision.license().orElse(null)), maskedKey, request.keyId(), DECIDED_BY_KEY);
    }

    /**
     * Verifies the license certificate that names the license instead of a key, then decides the
     * license it names for the request's machine. The certificate's re-validate-by and expiry times
     * do not matter here; the license's status and expiry in the store do.
     */
    private V2Outcome decideByCertificate(VerifiedV2Request request, String certificateText) {
        LicenseCertificate certificate;
        try {
            certificate = LicenseCertificate.verifyForRevalidation(certificateText, issuerKeys, request.machine(),
                    clock);
        } catch (InvalidCertificateException e) {
            String check = e.failedCheck().name().toLowerCase(Locale.ROOT);
            return rejected(request, CERTIFICATE, V2Status.CERTIFICATE_INVALID, "The license certificate in the"
                    + " claim cert failed the check " + check + ": " + e.getMessage() + " Send the product key"
                    + " instead of the certificate.", "certificate check " + check);
        }
        String maskedKey = certificate.keyHint() + " (lic " + certificate.licenseId() + ")";
        long licenseId;
        try {
            licenseId = Long.parseLong(certificate.licenseId());
        } catch (NumberFormatException e) {
            return rejected(request, maskedKey, V2Status.CERTIFICATE_INVALID, "The license certificate names the"
                    + " license \"" + certificate.licenseId() + "\", which is not a license id of this server."
                    + " Send the product key instead of the certificate.", "certificate license id");
        }
        LicenseDecision decision = request.operation() == V2Operation.VALIDATE
                ? licenses.validateLicense(licenseId, request.machine())
                : licenses.deactivateLicense(licenseId, request.machine());
        return new V2Outcome(signer.sign(request, decision.status().replyStatus(), decision.message(),
                decision.license().orElse(null)), maskedKey, request.keyId(), DECIDED_BY_CERTIFICATE);
    }

    /**
     * Signs the {@code too_large} reply to a body over the limit.
     *
     * @param received the bytes that arrived, which the reply's {@code req} hashes: the first
     *                 16 KiB + 1, or none when the client waited for {@code 100 Continue}
     * @param detail   how the size was found out, such as the declared {@code Content-Length}
     */
    public V2Outcome tooLarge(byte[] received, String detail) {
        return new V2Outcome(signer.sign(received, null, V2Status.TOO_LARGE, "The request body is larger than "
                + V2Protocol.MAX_REQUEST_BYTES + " bytes, the limit of this server. A v2 request with a normal"
                + " product key is under 1 KiB, so check what the client sends.", null),
                V2Outcome.UNKNOWN, V2Outcome.UNKNOWN, detail);
    }

    /** Signs the {@code malformed} reply to a body that broke off before it was complete. */
    public V2Outcome unreadable(byte[] received) {
        return new V2Outcome(signer.sign(received, null, V2Status.MALFORMED, "The request body could not be read"
                + " completely. Send the whole body and try again.", null),
                V2Outcome.UNKNOWN, V2Outcome.UNKNOWN, "body unreadable");
    }

    /**
     * Signs the reply to a request whose processing failed with a bug. It is {@code rate_limited},
     * because the client's right response, trying again later, is the same, and no v2 reply may
     * be a 5xx. NOTE: if signing itself fails, which means a broken signing key or JSON library,
     * the exception reaches {@code ErrorMappingHandler}, and that sends an unsigned JSON 500.
     *
     * @param requestJti the request's {@code jti} if it was verified, so the reply echoes it; otherwise null
     */
    private V2Outcome internalError(byte[] body, String requestJti) {
        return new V2Outcome(signer.sign(body, requestJti, V2Status.RATE_LIMITED, "The server failed"
                + " to process this request because of an internal error. Try again later; if it persists, tell"
                + " the server operator, whose log has the details.", null),
                V2Outcome.UNKNOWN, V2Outcome.UNKNOWN, "internal error");
    }

    private V2Outcome replayRejected(VerifiedV2Request request, V2Status status) {
        String message = status == V2Status.REPLAYED
                ? "The server has already received a request with this jti. Sign every request afresh; a request"
                        + " captured and sent again is rejected."
                : "The server is receiving more requests than it can record right now. Try again in a few minutes.";
        String maskedKey = request.certificate().isPresent() ? CERTIFICATE : ProductKeys.mask(request.productKey());
        return rejected(request, maskedKey, status, message,
                status == V2Status.REPLAYED ? "jti seen before" : "replay cache full");
    }

    private V2Outcome rejected(VerifiedV2Request request, String maskedKey, V2Status status, String message,
                               String detail) {
        return new V2Outcome(signer.sign(request, status, message, null), maskedKey, request.keyId(), detail);
    }

    private static String capitalize(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
