package com.goodtalk.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored license as administrators see it. It carries a masked key for display, never the key
 * itself: the store keeps only a keyed hash of the key.
 *
 * @param id the database id
 * @param maskedKey the first group of the key followed by {@code ****}, for telling licenses apart
 * @param imported true for a legacy key stored by {@link LicenseStore#importKey} as it was typed
 * @param product the product the license is for
 * @param edition the edition name
 * @param features the unlocked feature names
 * @param status the stored status; see {@link #isExpiredAt(Instant)} for expiry
 * @param expiresAt when the license stops working, or {@code null} if it never expires
 * @param seatLimit how many machines may hold a seat at the same time
 * @param seatsUsed how many machines hold a seat now
 * @param note the administrators' note, empty if none
 * @param createdAt when the license was issued or imported
 * @param updatedAt when the license row last changed
 */
public record License(
        long id,
        String maskedKey,
        boolean imported,
        Product product,
        String edition,
        List<String> features,
        LicenseStatus status,
        Instant expiresAt,
        int seatLimit,
        int seatsUsed,
        String note,
        Instant createdAt,
        Instant updatedAt) {

    public License {
        Objects.requireNonNull(maskedKey, "maskedKey");
        Objects.requireNonNull(product, "product");
        features = List.copyOf(features);
        Objects.requireNonNull(status, "status");
    }

    /** Tells whether the license has an expiry time and {@code now} is at or after it. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Returns the part of this license that a client may see. */
    public LicenseView view() {
        return new LicenseView(product.code(), product.name(), edition, features, expiresAt, seatsUsed, seatLimit);
    }
}
