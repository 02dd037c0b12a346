package com.goodtalk.server.store;

import java.time.Instant;
import java.util.List;

/**
 * The part of a license that a client sees after it activates or validates: no note, no database
 * ids, no key.
 *
 * @param productCode the product code
 * @param productName the product's display name
 * @param edition the edition name
 * @param features the unlocked feature names
 * @param expiresAt when the license stops working, or {@code null} if it never expires
 * @param seatsUsed how many machines hold a seat now
 * @param seatLimit how many machines may hold a seat at the same time
 */
public record LicenseView(
        String productCode,
        String productName,
        String edition,
        List<String> features,
        Instant expiresAt,
        int seatsUsed,
        int seatLimit) {

    public LicenseView {
        features = List.copyOf(features);
    }
}
