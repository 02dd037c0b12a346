package com.goodtalk.server.store;

/**
 * Selection of licenses for {@link LicenseStore#list}, which returns them in ascending id order.
 *
 * @param productCode only licenses of this product, or {@code null} for all products
 * @param status only licenses with this stored status, or {@code null} for all
 * @param afterId only licenses with a larger id, for paging; 0 starts at the beginning
 * @param limit the maximum number of licenses returned, 1 to {@value #MAX_LIMIT}
 */
public record LicenseFilter(String productCode, LicenseStatus status, long afterId, int limit) {

    /** The largest page that one call returns. */
    public static final int MAX_LIMIT = 1000;

    public LicenseFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "License list limit " + limit + " is out of range. Use 1 to " + MAX_LIMIT + " and page with afterId.");
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId " + afterId + " is negative. Use 0 for the first page.");
        }
    }

    /** Returns a filter for the first {@value #MAX_LIMIT} licenses of every product and status. */
    public static LicenseFilter all() {
        return new LicenseFilter(null, null, 0, MAX_LIMIT);
    }

    /** Returns a copy that keeps only licenses of {@code code}. */
    public LicenseFilter withProduct(String code) {
        return new LicenseFilter(code, status, afterId, limit);
    }

    /** Returns a copy that keeps only licenses with {@code wanted} status. */
    public LicenseFilter withStatus(LicenseStatus wanted) {
        return new LicenseFilter(productCode, wanted, afterId, limit);
    }
}
