package com.goodtalk.desktop;

import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.KeyCheckResult;
import com.goodtalk.protocol.keys.ProductKeys;
import java.util.Optional;

/**
 * Tidies the product key field as the user types or pastes, and reports what is wrong with a key
 * before any request is sent. The normalization itself is {@link ProductKeys#normalize}, so the
 * field shows the key in the form the server looks it up.
 */
final class ProductKeyInput {

    private static final int NEW_FORMAT_CHARACTERS = ProductKeys.NEW_FORMAT_GROUPS * ProductKeys.NEW_FORMAT_GROUP_LENGTH;

    private ProductKeyInput() {
    }

    /**
     * Returns {@code typed} with each character normalized on its own: upper case, dash
     * look-alikes as '-', spaces and zero-width characters removed. A character that no key
     * contains stays as typed, so that {@link #problem(String)} can name it.
     */
    static String tidy(String typed) {
        StringBuilder tidied = new StringBuilder(typed.length());
        typed.codePoints().forEach(codePoint -> tidied.append(tidyCharacter(codePoint)));
        return tidied.toString();
    }

    /**
     * Returns {@code key} in groups of six when it contains exactly the 24 letters and digits of a
     * new-format key and its dashes, if any, sit between groups; otherwise returns it unchanged.
     * Legacy keys, whose dashes sit elsewhere, keep their shape.
     */
    static String grouped(String key) {
        String characters = key.replace("-", "");
        if (characters.length() != NEW_FORMAT_CHARACTERS || !characters.chars().allMatch(ProductKeyInput::isLetterOrDigit)) {
            return key;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '-' && (i + 1) % (ProductKeys.NEW_FORMAT_GROUP_LENGTH + 1) != 0) {
                return key;
            }
        }
        StringBuilder grouped = new StringBuilder(key.length() + ProductKeys.NEW_FORMAT_GROUPS);
        for (int i = 0; i < characters.length(); i++) {
            if (i > 0 && i % ProductKeys.NEW_FORMAT_GROUP_LENGTH == 0) {
                grouped.append('-');
            }
            grouped.append(characters.charAt(i));
        }
        return grouped.toString();
    }

    /**
     * Returns what is wrong with {@code typed}, or empty for a blank key and a key that may be
     * sent: a character no key contains (named, with its position), or for a new-format key a
     * check character that does not match, which means a character is mistyped.
     */
    static Optional<String> problem(String typed) {
        if (typed.isBlank()) {
            return Optional.empty();
        }
        String key;
        try {
            key = ProductKeys.normalize(typed);
        } catch (InvalidProductKeyException e) {
            return Optional.of(sentence(e.getMessage()));
        }
        KeyCheckResult result = ProductKeys.check(key);
        return result.isAccepted() ? Optional.empty() : Optional.of(sentence(result.message()));
    }

    /**
     * Returns the key to send for {@code typed}, which {@link #problem(String)} accepted.
     *
     * @throws IllegalArgumentException if it did not
     */
    static String toSend(String typed) {
        Optional<String> problem = problem(typed);
        if (problem.isPresent() || typed.isBlank()) {
            throw new IllegalArgumentException(problem.orElse("The product key is blank; paste the key first."));
        }
        try {
            return ProductKeys.normalize(typed);
        } catch (InvalidProductKeyException e) {
            throw new IllegalStateException("problem() accepted a key that normalize() rejects", e);
        }
    }

    private static String tidyCharacter(int codePoint) {
        String single = new String(Character.toChars(codePoint));
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return "";
        }
        try {
            // A leading digit keeps a lone dash from being rejected as a key of dashes only,
            // and keeps the key legacy-shaped, so no Crockford alias applies to one character.
            return ProductKeys.normalize("0" + single).substring(1);
        } catch (InvalidProductKeyException e) {
            return single;
        }
    }

    private static boolean isLetterOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String sentence(String message) {
        String text = message.strip();
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
