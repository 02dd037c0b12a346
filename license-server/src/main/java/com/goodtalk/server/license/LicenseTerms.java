package com.goodtalk.server.license;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The license that a product key grants, apart from its seats: what the reply's license view shows.
 *
 * @param product  the product name
 * @param edition  the edition, such as {@code standard}
 * @param features the enabled feature names
 * @param expires  when the license ends; empty for a perpetual license
 */
public record LicenseTerms(String product, String edition, List<String> features, Optional<Instant> expires) {

    /** The product name of every key that the in-memory service serves. */
    public static final String PRODUCT = "GoodTalk";

    /** The terms of keys from a keys file: perpetual, edition {@code standard}, no extra features. */
    public static final LicenseTerms STANDARD = new LicenseTerms(PRODUCT, "standard", List.of(), Optional.empty());

    /** The terms of the published demo keys: perpetual, edition {@code demo}, no extra features. */
    public static final LicenseTerms DEMO = new LicenseTerms(PRODUCT, "demo", List.of(), Optional.empty());

    public LicenseTerms {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(edition, "edition");
        features = List.copyOf(features);
        Objects.requireNonNull(expires, "expires");
    }
}
