package com.goodtalk.protocol.license;

import java.util.regex.Pattern;

/** The claim names and value rules that issuing and verifying share. */
final class CertificateFormat {

    static final String ALGORITHM = "EdDSA";

    static final String LICENSE_ID = "lic";
    static final String KEY_HINT = "key_hint";
    static final String PRODUCT = "product";
    static final String EDITION = "edition";
    static final String FEATURES = "features";
    static final String MACHINE = "machine";
    static final String ISSUED_AT = "iat";
    static final String EXPIRES_AT = "exp";
    static final String REVALIDATE_BY = "rvb";
    static final String JTI = "jti";

    /** The size of a certificate's random {@code jti}: 256 bits, 43 base64url characters. */
    static final int JTI_BYTES = 32;

    /** A masked key ends with this, as {@code ProductKeys.mask} writes it; a full key never does. */
    static final String KEY_HINT_SUFFIX = "****";

    /** The machine fingerprint rule of protocol v2 requests, so any activated machine fits. */
    static final Pattern MACHINE_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The longest license id, product, edition or feature name. */
    static final int MAX_NAME_LENGTH = 256;

    /**
     * The longest certificate text that {@link LicenseCertificate#verifyOffline} reads. A certificate
     * with two short features has about 600 characters, so this leaves room for hundreds of features.
     */
    static final int MAX_CERTIFICATE_CHARS = 32 * 1024;

    private CertificateFormat() {
    }

    /** Tells whether {@code value} is 1 to {@value #MAX_NAME_LENGTH} characters without control characters. */
    static boolean isName(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_NAME_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }
}
