package com.goodtalk.server.license;

import com.goodtalk.protocol.v2.V2Status;

/**
 * The outcome of one {@link LicenseService} call, as a status word that the v2 reply carries.
 *
 * <p>Only {@link #ACTIVATED} and {@link #VALID} come with a license view.
 */
public enum LicenseStatus {
    /** The machine holds a seat now: newly taken, or already held from an earlier activation. */
    ACTIVATED(V2Status.ACTIVATED),
    /** The machine holds a seat on a known key. */
    VALID(V2Status.VALID),
    /** The machine's seat was freed. */
    DEACTIVATED(V2Status.DEACTIVATED),
    /** The product key is unknown. */
    KEY_INVALID(V2Status.KEY_INVALID),
    /** Every seat of the key is held by other machines. */
    SEAT_LIMIT_REACHED(V2Status.SEAT_LIMIT_REACHED),
    /** The machine holds no seat on the key, so it cannot be validated or deactivated. */
    NOT_ACTIVATED(V2Status.NOT_ACTIVATED),
    /** The key's license is suspended. */
    KEY_SUSPENDED(V2Status.KEY_SUSPENDED),
    /** The key's license is revoked. */
    KEY_REVOKED(V2Status.KEY_REVOKED),
    /** The key's license has expired. */
    KEY_EXPIRED(V2Status.KEY_EXPIRED),
    /** The license certificate sent instead of a key names a license the store does not have. */
    CERTIFICATE_INVALID(V2Status.CERTIFICATE_INVALID);

    private final V2Status replyStatus;

    LicenseStatus(V2Status replyStatus) {
        this.replyStatus = replyStatus;
    }

    /** Returns the status word, such as {@code seat_limit_reached}. */
    public String word() {
        return replyStatus.word();
    }

    /** Returns the v2 reply status that carries this outcome. */
    public V2Status replyStatus() {
        return replyStatus;
    }

    /** Tells whether a decision with this status carries the license view. */
    public boolean carriesLicense() {
        return replyStatus.carriesLicense();
    }
}
