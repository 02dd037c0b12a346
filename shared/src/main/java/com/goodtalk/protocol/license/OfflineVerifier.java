package com.goodtalk.protocol.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks behind {@link LicenseCertificate#verifyOffline} and
 * {@link LicenseCertificate#verifyForRevalidation}. The header is checked and the signature
 * verified over the received bytes before any JSON parser reads the payload.
 */
final class OfflineVerifier {

    private final JsonWebKeySet pinned;
    private final Clock clock;

    OfflineVerifier(JsonWebKeySet pinned, Clock clock) {
        this.pinned = pinned;
        this.clock = clock;
    }

    /**
     * Runs the checks in order.
     *
     * @param checkTimes whether to run {@link CertificateCheck#CLOCK_ROLLBACK} and
     *     {@link CertificateCheck#EXPIRED}; a server re-validating the license leaves them to its store
     */
    LicenseCertificate verify(String text, String expectedMachine, boolean checkTimes)
            throws InvalidCertificateException {
        CompactJws jws = parse(text);
        ObjectNode header = jws.header();
        checkType(header);
        checkAlgorithm(header);
        ServerPublicKey key = checkKeyId(header);
        if (!key.verifySignature(jws.signingInput(), jws.signature())) {
            throw new InvalidCertificateException(CertificateCheck.SIGNATURE, "The certificate's Ed25519 signature"
                    + " does not match its content: it was changed after the server signed it. Activate online again"
                    + " to get a new certificate.");
        }

        ObjectNode payload = parsePayload(jws);
        Instant issuedAt = Instant.ofEpochSecond(requireSeconds(payload, CertificateFormat.ISSUED_AT));
        Instant revalidateBy = Instant.ofEpochSecond(requireSeconds(payload, CertificateFormat.REVALIDATE_BY));
        CertificateClaims claims = readClaims(payload, issuedAt, revalidateBy);
        String jti = requireString(payload, CertificateFormat.JTI);

        if (!claims.machine().equals(expectedMachine)) {
            throw new InvalidCertificateException(CertificateCheck.MACHINE, "The certificate was issued for the"
                    + " machine " + claims.machine() + ", but this machine is " + expectedMachine + ". Certificates"
                    + " cannot be copied between machines; activate this machine online.");
        }
        Instant now = clock.instant();
        if (!checkTimes) {
            return new LicenseCertificate(text, key.thumbprint(), claims, issuedAt, revalidateBy, jti, now);
        }
        if (now.isBefore(issuedAt.minus(LicenseCertificate.CLOCK_TOLERANCE))) {
            throw new InvalidCertificateException(CertificateCheck.CLOCK_ROLLBACK, "This computer's clock shows "
                    + now + ", more than " + LicenseCertificate.CLOCK_TOLERANCE.toSeconds() + " s before the"
                    + " certificate's issue time " + issuedAt + ". Set the clock to the correct time.");
        }
        if (claims.expiresAt() != null && !now.isBefore(claims.expiresAt())) {
            throw new InvalidCertificateException(CertificateCheck.EXPIRED, "The license expired at "
                    + claims.expiresAt() + " (now " + now + "). Renew the license, then validate online.");
        }
        return new LicenseCertificate(text, key.thumbprint(), claims, issuedAt, revalidateBy, jti, now);
    }

    private static CompactJws parse(String text) throws InvalidCertificateException {
        if (text.length() > CertificateFormat.MAX_CERTIFICATE_CHARS) {
            throw new InvalidCertificateException(CertificateCheck.SYNTAX, "The certificate has " + text.length()
                    + " characters, more than the " + CertificateFormat.MAX_CERTIFICATE_CHARS + " a certificate can"
                    + " have. Check that the stored file holds only the certificate.");
        }
        try {
            return CompactJws.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedMessageException e) {
            throw new InvalidCertificateException(CertificateCheck.SYNTAX, "The certificate is not a compact JWS: "
                    + e.getMessage(), e);
        }
    }

    private static void checkType(ObjectNode header) throws InvalidCertificateException {
        JsonNode typ = header.get("typ");
        if (typ == null || !LicenseCertificate.TYPE.equals(typ.textValue())) {
            throw new InvalidCertificateException(CertificateCheck.TYPE, "The JWS header's typ is "
                    + (typ == null ? "missing" : typ.toString()) + "; a license certificate has \""
                    + LicenseCertificate.TYPE + "\". Another kind of signed message is not a certificate.");
        }
    }

    private static void checkAlgorithm(ObjectNode header) throws InvalidCertificateException {
        JsonNode alg = header.get("alg");
        if (alg == null || !CertificateFormat.ALGORITHM.equals(alg.textValue())) {
            throw new InvalidCertificateException(CertificateCheck.ALGORITHM, "The certificate's alg is "
                    + (alg == null ? "missing" : alg.toString()) + "; certificates are signed with exactly \""
                    + CertificateFormat.ALGORITHM + "\". The certificate was forged or altered.");
        }
    }

    private ServerPublicKey checkKeyId(ObjectNode header) throws InvalidCertificateException {
        JsonNode kid = header.get("kid");
        Optional<ServerPublicKey> key = kid != null && kid.isTextual() ? pinned.find(kid.textValue())
                : Optional.empty();
        if (key.isEmpty()) {
            throw new InvalidCertificateException(CertificateCheck.KEY_ID, "The certificate names the server key "
                    + (kid == null ? "(missing)" : kid.toString()) + ", which is not one of the pinned keys "
                    + pinned.keys().stream().map(ServerPublicKey::thumbprint).toList() + ". If the vendor rotated"
                    + " its server key, update the application; otherwise activate online again.");
        }
        return key.get();
    }

    private static ObjectNode parsePayload(CompactJws jws) throws InvalidCertificateException {
        try {
            return StrictJson.parseObject(jws.payload());
        } catch (MalformedMessageException e) {
            throw claimsFailure("the payload is not one JSON object: " + e.getMessage(), e);
        }
    }

    private static CertificateClaims readClaims(ObjectNode payload, Instant issuedAt, Instant revalidateBy)
            throws InvalidCertificateException {
        String licenseId = requireString(payload, CertificateFormat.LICENSE_ID);
        String keyHint = requireString(payload, CertificateFormat.KEY_HINT);
        String product = requireString(payload, CertificateFormat.PRODUCT);
        String edition = requireString(payload, CertificateFormat.EDITION);
        List<String> features = requireStrings(payload, CertificateFormat.FEATURES);
        String machine = requireString(payload, CertificateFormat.MACHINE);
        Instant expiresAt = payload.has(CertificateFormat.EXPIRES_AT)
                ? Instant.ofEpochSecond(requireSeconds(payload, CertificateFormat.EXPIRES_AT)) : null;
        if (!revalidateBy.isAfter(issuedAt)) {
            throw claimsFailure("rvb " + revalidateBy + " is not after iat " + issuedAt + ".", null);
        }
        try {
            return new CertificateClaims(licenseId, keyHint, product, edition, features, machine, expiresAt,
                    Duration.between(issuedAt, revalidateBy));
        } catch (IllegalArgumentException e) {
            throw claimsFailure(e.getMessage(), e);
        }
    }

    private static String requireString(ObjectNode payload, String name) throws InvalidCertificateException {
        try {
            return StrictJson.requireString(payload, name);
        } catch (MalformedMessageException e) {
            throw claimsFailure(e.getMessage(), e);
        }
    }

    private static List<String> requireStrings(ObjectNode payload, String name) throws InvalidCertificateException {
        JsonNode array = payload.get(name);
        if (array == null || !array.isArray()) {
            throw claimsFailure("the member \"" + name + "\" must be an array of strings, but it is "
                    + (array == null ? "missing" : "a " + array.getNodeType().name().toLowerCase()) + ".", null);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw claimsFailure("the member \"" + name + "\" must contain only strings, but it contains a "
                        + element.getNodeType().name().toLowerCase() + ".", null);
            }
            values.add(element.textValue());
        }
        return values;
    }

    /** Reads a NumericDate, which is a non-negative JSON integer of seconds. Floats and strings are rejected. */
    private static long requireSeconds(ObjectNode payload, String name) throws InvalidCertificateException {
        JsonNode value = payload.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > Instant.MAX.getEpochSecond()) {
            throw claimsFailure("the member \"" + name + "\" must be a non-negative integer of seconds, but it is "
                    + (value == null ? "missing" : value.toString()) + ".", null);
        }
        return value.longValue();
    }

    private static InvalidCertificateException claimsFailure(String problem, Throwable cause) {
        return new InvalidCertificateException(CertificateCheck.CLAIMS, "The certificate is signed by a pinned key"
                + " but its claims are invalid: " + problem + " The server that issued it is misbehaving; report"
                + " this to the vendor.", cause);
    }
}
