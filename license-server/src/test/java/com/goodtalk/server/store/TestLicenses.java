package com.goodtalk.server.store;

import java.time.Instant;
import java.util.List;

/** Products, keys and terms that the store tests share. The keys are made up for the tests. */
final class TestLicenses {

    static final String PRODUCT = "goodtalk-desktop";
    static final String KEY = "GT7Q-M2XK-9PLA-4RTZ";
    static final String OTHER_KEY = "GT8W-Z4NB-7KQE-2MHD";
    static final String ADMIN = "admin@example.test";

    private TestLicenses() {}

    static Product createProduct(LicenseStore store) {
        return store.createProduct(PRODUCT, "GoodTalk Desktop");
    }

    static LicenseTerms terms(int seats) {
        return new LicenseTerms(PRODUCT, "pro", List.of("export", "sync"), seats, null, "test license");
    }

    static LicenseTerms terms(int seats, Instant expiresAt) {
        return new LicenseTerms(PRODUCT, "pro", List.of("export", "sync"), seats, expiresAt, "test license");
    }

    /** Creates the product and issues {@link #KEY} with {@code seats} seats and no expiry. */
    static License issue(LicenseStore store, int seats) {
        createProduct(store);
        return store.issue(terms(seats), KEY, ADMIN);
    }
}
