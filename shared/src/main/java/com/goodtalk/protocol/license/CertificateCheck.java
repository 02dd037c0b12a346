package com.goodtalk.protocol.license;

/**
 * The checks of {@link LicenseCertificate#verifyOffline}, in the order they run. An
 * {@link InvalidCertificateException} names the first check that failed.
 */
public enum CertificateCheck {
    /** The text is a compact JWS: three base64url parts and a strict JSON header. */
    SYNTAX,
    /** The header's {@code typ} is {@value LicenseCertificate#TYPE}, so a reply or request JWS is not taken for one. */
    TYPE,
    /** The header's {@code alg} is exactly {@code EdDSA}. */
    ALGORITHM,
    /** The header's {@code kid} names one of the pinned server keys. */
    KEY_ID,
    /** The Ed25519 signature covers the header and payload as received. */
    SIGNATURE,
    /** The signed payload has every claim, each with the right JSON type. */
    CLAIMS,
    /** The certificate was issued for the machine that reads it. */
    MACHINE,
    /** The local clock is not earlier than the issue time minus {@link LicenseCertificate#CLOCK_TOLERANCE}. */
    CLOCK_ROLLBACK,
    /** The license expiry ({@code exp}), if there is one, has not passed. */
    EXPIRED
}
