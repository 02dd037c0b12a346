package com.goodtalk.protocol.v2;

import java.util.Optional;

/** The three request operations of protocol v2, each with its endpoint and {@code op} claim. */
public enum V2Operation {
    /** Takes a seat for this machine: {@code POST /v2/activate}. */
    ACTIVATE("activate", "/v2/activate"),
    /** Checks that this machine still holds a seat: {@code POST /v2/validate}. */
    VALIDATE("validate", "/v2/validate"),
    /** Frees this machine's seat: {@code POST /v2/deactivate}. */
    DEACTIVATE("deactivate", "/v2/deactivate");

    private final String claim;
    private final String path;

    V2Operation(String claim, String path) {
        this.claim = claim;
        this.path = path;
    }

    /** Returns the value of the {@code op} claim, such as {@code activate}. */
    public String claim() {
        return claim;
    }

    /** Returns the endpoint path, such as {@code /v2/activate}. */
    public String path() {
        return path;
    }

    /**
     * Tells whether a request of this operation may name the license by a license certificate
     * ({@code cert} claim) instead of the product key: validate and deactivate may, activate may not,
     * because a machine gets its first certificate by activating with the key.
     */
    public boolean acceptsCertificate() {
        return this != ACTIVATE;
    }

    /** Returns the operation whose {@code op} claim is {@code claim}, if there is one. */
    public static Optional<V2Operation> fromClaim(String claim) {
        for (V2Operation operation : values()) {
            if (operation.claim.equals(claim)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
