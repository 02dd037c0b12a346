package com.goodtalk.protocol.client;

import com.goodtalk.protocol.v2.V2License;
import java.util.Optional;

/**
 * A v2 reply that passed every acceptance check up to {@code check_echo}: pinned key, EdDSA
 * signature, request hash and jti echo. Only {@link V2ReplyChecks} creates it, and only then
 * is {@code status} read.
 */
final class VerifiedV2Reply {

    private final String status;
    private final String message;
    private final long issuedAt;
    private final String serverJti;
    private final V2License license;
    private final String certificate;

    VerifiedV2Reply(String status, String message, long issuedAt, String serverJti, V2License license,
                    String certificate) {
        this.status = status;
        this.message = message;
        this.issuedAt = issuedAt;
        this.serverJti = serverJti;
        this.license = license;
        this.certificate = certificate;
    }

    String status() {
        return status;
    }

    String message() {
        return message;
    }

    long issuedAt() {
        return issuedAt;
    }

    String serverJti() {
        return serverJti;
    }

    Optional<V2License> license() {
        return Optional.ofNullable(license);
    }

    /** Returns the {@code certificate} member of the license object, if the server sent one. */
    Optional<String> certificate() {
        return Optional.ofNullable(certificate);
    }
}
