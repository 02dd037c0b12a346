package com.goodtalk.protocol.license;

import java.util.Objects;

/**
 * Thrown when an offline license certificate fails a check. {@link #failedCheck()} names the
 * check, and the message says what was found and what the user or vendor can do.
 */
public final class InvalidCertificateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final CertificateCheck failedCheck;

    InvalidCertificateException(CertificateCheck failedCheck, String message) {
        this(failedCheck, message, null);
    }

    InvalidCertificateException(CertificateCheck failedCheck, String message, Throwable cause) {
        super(message, cause);
        this.failedCheck = Objects.requireNonNull(failedCheck, "failedCheck");
    }

    /** Returns the check that rejected the certificate. */
    public CertificateCheck failedCheck() {
        return failedCheck;
    }
}
