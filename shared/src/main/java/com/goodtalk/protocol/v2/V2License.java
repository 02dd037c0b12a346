package com.goodtalk.protocol.v2;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code license} object of an {@code activated} or {@code valid} reply.
 *
 * @param product      the product name
 * @param edition      the edition, such as {@code pro}
 * @param features     the enabled feature names
 * @param expires      when the license ends, in whole seconds; empty for a perpetual license
 * @param seatsUsed    the machines activated on this key, this one included
 * @param seatsAllowed the machines the key may be activated on
 * @param machine      the machine fingerprint this license is bound to
 * @param certificate  the offline license certificate (compact JWS, see
 *                     {@code com.goodtalk.protocol.license.LicenseCertificate}) for this machine, if the
 *                     server issued one
 */
public record V2License(String product, String edition, List<String> features, Optional<Instant> expires,
                        int seatsUsed, int seatsAllowed, String machine, Optional<String> certificate) {

    /** Creates a license view without an offline certificate. */
    public V2License(String product, String edition, List<String> features, Optional<Instant> expires,
                     int seatsUsed, int seatsAllowed, String machine) {
        this(product, edition, features, expires, seatsUsed, seatsAllowed, machine, Optional.empty());
    }

    /**
     * Checks and normalises the values: {@code expires} is cut to whole seconds.
     *
     * @throws IllegalArgumentException if a seat count is negative
     */
    public V2License {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(edition, "edition");
        features = List.copyOf(features);
        expires = Objects.requireNonNull(expires, "expires").map(instant -> instant.truncatedTo(ChronoUnit.SECONDS));
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(certificate, "certificate");
        if (seatsUsed < 0 || seatsAllowed < 0) {
            throw new IllegalArgumentException("Seat counts must not be negative, got used=" + seatsUsed
                    + " and allowed=" + seatsAllowed + ".");
        }
    }

    /** Returns this license view carrying {@code compactCertificate} as its offline certificate. */
    public V2License withCertificate(String compactCertificate) {
        return new V2License(product, edition, features, expires, seatsUsed, seatsAllowed, machine,
                Optional.of(Objects.requireNonNull(compactCertificate, "compactCertificate")));
    }
}
