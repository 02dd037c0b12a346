package com.goodtalk.server.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.regex.Pattern;

/** Length limits and checks for the values callers pass to the store. */
public final class StoreLimits {

    /** Maximum length of a machine fingerprint. */
    public static final int MAX_MACHINE_LENGTH = 256;
    /**
     * Maximum length of a product key; longer input matches no license. Legacy v1 key lists had no
     * length limit, so this leaves room for long legacy keys while bounding the text hashed per lookup.
     */
    public static final int MAX_KEY_LENGTH = 1024;
    /** Maximum length of an edition, feature or product name. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Maximum number of features on one license. */
    public static final int MAX_FEATURES = 100;
    /** Maximum length of an administrator note. */
    public static final int MAX_NOTE_LENGTH = 2000;
    /** Maximum length of an actor name. */
    public static final int MAX_ACTOR_LENGTH = 128;

    /** The longest nonce that {@link LicenseStore#rememberNonce} records, in characters. */
    public static final int MAX_NONCE_LENGTH = 128;

    private static final Pattern PRODUCT_CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private StoreLimits() {}

    static String requireProductCode(String code) {
        if (code == null || !PRODUCT_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Invalid product code '" + code + "'. Use 1 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, such as goodtalk-desktop.");
        }
        return code;
    }

    static String requireMachine(String machine) {
        return requirePrintable("machine fingerprint", machine, MAX_MACHINE_LENGTH);
    }

    static String requireNonce(String nonce) {
        return requirePrintable("nonce", nonce, MAX_NONCE_LENGTH);
    }

    static String requireActor(String actor) {
        return requirePrintable("actor", actor, MAX_ACTOR_LENGTH);
    }

    static String requireName(String what, String value) {
        return requirePrintable(what, value, MAX_NAME_LENGTH);
    }

    static void requireTerms(LicenseTerms terms, Instant now) {
        requireName("edition", terms.edition());
        if (terms.features().size() > MAX_FEATURES) {
            throw new IllegalArgumentException("A license has " + terms.features().size()
                    + " features, more than " + MAX_FEATURES + ". Group them into fewer features.");
        }
        if (new HashSet<>(terms.features()).size() != terms.features().size()) {
            throw new IllegalArgumentException("The feature list " + terms.features() + " names a feature twice."
                    + " List each feature once.");
        }
        terms.features().forEach(feature -> requireName("feature", feature));
        if (terms.seatLimit() < 1) {
            throw new IllegalArgumentException("Seat limit " + terms.seatLimit() + " is below 1. Give a license at least one seat.");
        }
        if (terms.expiresAt() != null && !terms.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("Expiry " + terms.expiresAt() + " is not after the current time " + now
                    + ". Give a future expiry, or none for a license that never expires.");
        }
        if (terms.note().length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("The note has " + terms.note().length() + " characters, more than "
                    + MAX_NOTE_LENGTH + ". Shorten it.");
        }
    }

    /** Rejects null, blank, overlong and control-character values; the message quotes the value. */
    private static String requirePrintable(String what, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is missing. Give a non-blank value.");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("The " + what + " has " + value.length() + " characters, more than "
                    + maxLength + ". Shorten it.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The " + what + " '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' contains control characters. Remove them.");
        }
        return value;
    }
}
