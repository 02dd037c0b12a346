package com.goodtalk.server.admin;

import com.goodtalk.server.store.ConflictException;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.store.Product;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that set the terms of new licenses, shared by {@code licenses create} and {@code licenses import}. */
final class LicenseTermsOptions {

    @Option(names = "--product", required = true, paramLabel = "CODE", order = 1,
            description = "Product code, such as goodtalk-desktop: lower-case letters, digits, '.', '_', '-'."
                    + " The product is created if it does not exist.")
    String productCode;

    @Option(names = "--product-name", paramLabel = "NAME", order = 2,
            description = "Display name for a product that is created (default: the product code).")
    String productName;

    @Option(names = "--edition", required = true, paramLabel = "EDITION", order = 3,
            description = "Edition name, such as pro.")
    String edition;

    @Option(names = "--seats", required = true, paramLabel = "N", order = 4,
            description = "How many machines may hold a seat at the same time, at least 1.")
    int seats;

    @ArgGroup(exclusive = true, order = 5)
    Expiry expiry;

    @Option(names = "--feature", paramLabel = "F", split = ",", order = 7,
            description = "Feature the license unlocks; repeat the option or separate features with commas.")
    List<String> features = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", order = 8,
            description = "Note for administrators, such as the customer or order; never shown to clients.")
    String note;

    /** The two ways to give an expiry; without either the license never expires. */
    static final class Expiry {

        @Option(names = "--expires", paramLabel = "DATE", converter = TimeArguments.EndOfDay.class, order = 5,
                description = "Expiry: an ISO date such as 2027-12-31 (the license works until the end of that day,"
                        + " UTC) or a time such as 2027-12-31T12:00:00Z. Default: never expires.")
        Instant at;

        @Option(names = "--expires-in", paramLabel = "DAYS", converter = TimeArguments.Days.class, order = 6,
                description = "Expiry as days from now, such as 365d.")
        Duration after;
    }

    /**
     * Checks what the store would reject only after the product exists, so a bad option creates nothing.
     *
     * @throws AdminException if the seats are below 1 or the expiry is not in the future
     */
    void check(Instant now) {
        if (seats < 1) {
            throw new AdminException(ExitCode.USAGE, "--seats " + seats + " is below 1. Give each license at least"
                    + " one seat.");
        }
        Instant expiresAt = expiresAt(now);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new AdminException(ExitCode.USAGE, "--expires " + expiresAt + " is not in the future (now " + now
                    + "). Give a later date, or no expiry for a license that never expires.");
        }
    }

    /** Returns the expiry, or {@code null} for a license that never expires. */
    Instant expiresAt(Instant now) {
        if (expiry == null) {
            return null;
        }
        // The store keeps milliseconds, so the printed expiry is the stored one.
        return expiry.at != null ? expiry.at : now.plus(expiry.after).truncatedTo(ChronoUnit.MILLIS);
    }

    LicenseTerms terms(Instant now) {
        return new LicenseTerms(productCode, edition, features, seats, expiresAt(now), note);
    }

    /** Describes the terms in one phrase, such as {@code goodtalk-desktop, edition pro, 5 seats, expires never}. */
    static String describe(LicenseTerms terms) {
        return terms.productCode() + ", edition " + terms.edition() + ", " + terms.seatLimit()
                + (terms.seatLimit() == 1 ? " seat" : " seats")
                + (terms.features().isEmpty() ? ", no features" : ", features " + String.join(", ", terms.features()))
                + ", expires " + (terms.expiresAt() == null ? "never" : terms.expiresAt().toString());
    }

    /** Returns the product, creating it and saying so when it does not exist yet. */
    Product findOrCreateProduct(LicenseStore store, PrintStream out) {
        Optional<Product> existing = store.findProduct(productCode);
        if (existing.isPresent()) {
            if (productName != null && !productName.equals(existing.get().name())) {
                out.println("Product " + productCode + " exists with the name \"" + existing.get().name()
                        + "\"; --product-name is used only for new products.");
            }
            return existing.get();
        }
        String name = productName == null ? productCode : productName;
        try {
            Product created = store.createProduct(productCode, name);
            out.println("Created product " + created.code() + " (" + created.name() + ").");
            return created;
        } catch (ConflictException createdMeanwhile) {
            // Another administrator created it between the lookup and the insert.
            return store.findProduct(productCode).orElseThrow(() -> createdMeanwhile);
        }
    }
}
