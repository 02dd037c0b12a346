package com.goodtalk.protocol.keys;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Product keys: the one normalizer that clients and the server apply before signing and
 * lookup, generation of new keys, their offline check, and masking for logs.
 *
 * <p>New keys have the form {@code XXXXXX-XXXXXX-XXXXXX-XXXXXX}: 23 random Crockford base32
 * characters followed by a Luhn mod 32 check character. The check character lets a client
 * tell the user about a typo before any network call, and saves the server a lookup of a
 * key that cannot exist. Keys of any other shape are legacy keys (such as the published demo
 * keys) and are accepted as given.
 *
 * <pre>{@code
 * String key = ProductKeys.normalize(userInput);   // throws InvalidProductKeyException
 * KeyCheckResult result = ProductKeys.check(key);
 * if (!result.isAccepted()) {
 *     showError(result.message());
 * }
 * log.info("activating {}", ProductKeys.mask(key));
 * }</pre>
 */
public final class ProductKeys {

    /** The number of groups in a new-format key. */
    public static final int NEW_FORMAT_GROUPS = 4;

    /** The number of characters in each group of a new-format key. */
    public static final int NEW_FORMAT_GROUP_LENGTH = 6;

    /** The number of random characters in a new-format key. The check character follows them. */
    static final int PAYLOAD_LENGTH = NEW_FORMAT_GROUPS * NEW_FORMAT_GROUP_LENGTH - 1;

    private static final Pattern NEW_FORMAT_SHAPE = Pattern.compile("[A-Z0-9]{6}(?:-[A-Z0-9]{6}){3}");

    private static final LuhnModN CHECK = new LuhnModN(CrockfordBase32.ALPHABET);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COPY_AGAIN = "copy the key again from where you received it";

    private ProductKeys() {
    }

    /**
     * Normalizes user input to the form in which keys are signed and looked up.
     *
     * <ol>
     *   <li>Applies Unicode NFKC, so full-width and other compatibility forms become ASCII.</li>
     *   <li>Replaces dash look-alikes (U+2010 to U+2015, U+2212, U+FE58, U+FE63, U+FF0D) with '-'.</li>
     *   <li>Removes whitespace ({@link Character#isWhitespace}, {@link Character#isSpaceChar}) and
     *       zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD).</li>
     *   <li>Upper-cases with {@link java.util.Locale#ROOT}.</li>
     *   <li>Rejects every remaining character outside A-Z, 0-9 and '-'. Cyrillic and Greek
     *       letters that look like Latin ones are rejected, never mapped.</li>
     *   <li>For a key of the new shape (4 groups of 6), reads O as 0 and I or L as 1, as
     *       Crockford base32 does. Keys of other shapes keep their letters.</li>
     * </ol>
     *
     * <p>Normalizing a normalized key returns it unchanged.
     *
     * @throws InvalidProductKeyException if the input is empty after normalization, contains
     *         only '-', is longer than 256 UTF-16 units, or contains a character that is not
     *         allowed. The message names the character, its position and the allowed ones.
     */
    public static String normalize(String input) throws InvalidProductKeyException {
        Objects.requireNonNull(input, "input");
        String key = KeyNormalizer.normalize(input);
        return hasNewFormatShape(key) ? CrockfordBase32.applyDecodingAliases(key) : key;
    }

    /**
     * Generates a new key of the form {@code XXXXXX-XXXXXX-XXXXXX-XXXXXX}.
     *
     * <p>The 23 payload characters come from {@link SecureRandom}, 5 bits each. The Luhn mod 32
     * check cannot see a swap of adjacent '0' and 'Z', so a key containing that pair anywhere
     * (check character included) is drawn again. Every single-character typo and every swap of
     * adjacent characters in a generated key therefore fails {@link #check(String)}. Redrawing
     * discards about 4% of the 2^115 payloads (23 adjacent pairs, each 0 and Z with probability
     * 2/1024), so a key carries about 114.9 bits of entropy.
     */
    public static String generate() {
        while (true) {
            StringBuilder payload = new StringBuilder(PAYLOAD_LENGTH);
            for (int i = 0; i < PAYLOAD_LENGTH; i++) {
                payload.append(CrockfordBase32.symbolOf(RANDOM.nextInt(CrockfordBase32.RADIX)));
            }
            String characters = payload.append(CHECK.checkCharacter(payload)).toString();
            if (!containsUndetectableSwap(characters)) {
                return withGroupDashes(characters);
            }
        }
    }

    /**
     * Checks a normalized key offline.
     *
     * @return {@link KeyCheckResult.Outcome#NEW_FORMAT_VALID} for a new-format key whose check
     *         character matches, {@link KeyCheckResult.Outcome#LEGACY} for a key of any other
     *         shape, and {@link KeyCheckResult.Outcome#MISTYPED} for a new-format key with a
     *         wrong check character or a U
     * @throws IllegalArgumentException if the key is not the output of {@link #normalize(String)}
     */
    public static KeyCheckResult check(String normalizedKey) {
        Objects.requireNonNull(normalizedKey, "normalizedKey");
        requireNormalized(normalizedKey);

        if (!hasNewFormatShape(normalizedKey)) {
            return new KeyCheckResult(KeyCheckResult.Outcome.LEGACY, "legacy product key, accepted as given");
        }

        String characters = normalizedKey.replace("-", "");
        for (int i = 0; i < characters.length(); i++) {
            if (CrockfordBase32.valueOf(characters.charAt(i)) < 0) {
                return new KeyCheckResult(KeyCheckResult.Outcome.MISTYPED, "invalid product key: the letter "
                        + characters.charAt(i) + " (group " + (i / NEW_FORMAT_GROUP_LENGTH + 1) + ", character "
                        + (i % NEW_FORMAT_GROUP_LENGTH + 1) + ") never occurs in product keys, so a character is "
                        + "mistyped; " + COPY_AGAIN);
            }
        }
        if (!CHECK.isValid(characters)) {
            return new KeyCheckResult(KeyCheckResult.Outcome.MISTYPED, "invalid product key: a character is "
                    + "mistyped, because the check character at the end does not match the other "
                    + PAYLOAD_LENGTH + "; " + COPY_AGAIN);
        }
        return new KeyCheckResult(KeyCheckResult.Outcome.NEW_FORMAT_VALID, "product key format and check character are valid");
    }

    /**
     * Returns a masked key for logs and display: the first group followed by {@code -****}
     * ({@code APENL-****}), or for a key without '-' its first 4 characters followed by
     * {@code ****}. At most half of the key is shown, and a character other than an ASCII
     * letter or digit in the shown part is replaced with '?', so the mask cannot inject
     * line breaks into a log.
     */
    public static String mask(String key) {
        Objects.requireNonNull(key, "key");
        int dash = key.indexOf('-');
        int shownLength = dash >= 0 ? dash : Math.min(4, key.length());
        shownLength = Math.min(shownLength, key.length() / 2);

        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < shownLength; i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            masked.append(plain ? c : '?');
        }
        return masked.append(dash >= 0 ? "-****" : "****").toString();
    }

    /** Returns the new-format key for a payload of 23 Crockford characters, for tests. */
    static String withCheckCharacter(String payload) {
        if (payload.length() != PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload must be " + PAYLOAD_LENGTH + " characters, got " + payload.length());
        }
        return withGroupDashes(payload + CHECK.checkCharacter(payload));
    }

    private static boolean hasNewFormatShape(String key) {
        return NEW_FORMAT_SHAPE.matcher(key).matches();
    }

    private static boolean containsUndetectableSwap(String characters) {
        for (int i = 0; i + 1 < characters.length(); i++) {
            if (CHECK.missesSwapOf(characters.charAt(i), characters.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String withGroupDashes(String characters) {
        StringBuilder key = new StringBuilder(characters.length() + NEW_FORMAT_GROUPS - 1);
        for (int group = 0; group < NEW_FORMAT_GROUPS; group++) {
            if (group > 0) {
                key.append('-');
            }
            int start = group * NEW_FORMAT_GROUP_LENGTH;
            key.append(characters, start, start + NEW_FORMAT_GROUP_LENGTH);
        }
        return key.toString();
    }

    private static void requireNormalized(String key) {
        String normalized;
        try {
            normalized = normalize(key);
        } catch (InvalidProductKeyException e) {
            throw new IllegalArgumentException("key is not normalized: " + e.getMessage()
                    + "; pass it through ProductKeys.normalize first", e);
        }
        if (!normalized.equals(key)) {
            throw new IllegalArgumentException("key " + mask(key)
                    + " is not normalized; pass it through ProductKeys.normalize first");
        }
    }
}
