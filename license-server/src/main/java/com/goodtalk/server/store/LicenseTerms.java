package com.goodtalk.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a license grants: the terms that {@link LicenseStore#issue} and {@link LicenseStore#importKey}
 * store next to the key. The store checks them when they are used (product exists, seats at least 1,
 * expiry in the future).
 *
 * @param productCode the code of an existing product
 * @param edition the edition name, such as {@code pro}
 * @param features the feature names the license unlocks, in order; may be empty
 * @param seatLimit how many machines may hold a seat at the same time, at least 1
 * @param expiresAt when the license stops working, or {@code null} for a license that never expires
 * @param note free text for administrators, or {@code null} for none; never shown to clients
 */
public record LicenseTerms(
        String productCode, String edition, List<String> features, int seatLimit, Instant expiresAt, String note) {

    public LicenseTerms {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(edition, "edition");
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        note = note == null ? "" : note;
    }
}
