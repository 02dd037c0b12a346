package com.goodtalk.protocol.machine;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation of 128-bit machine identifiers, written as 32 hexadecimal digits
 * ({@code /etc/machine-id}) or as a GUID or UUID in 8-4-4-4-12 groups (Windows, macOS).
 *
 * <p>Error messages describe what was found (empty, its length, the first character that is
 * not a hexadecimal digit) without repeating the value, because a machine identifier is
 * meant to stay on the machine.
 */
final class MachineIds {

    /** The canonical form that {@link MachineIdSource#machineId()} returns. */
    static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{32}");

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern GROUPED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MachineIds() {
    }

    /**
     * Returns the identifier as 32 lower-case hexadecimal digits.
     *
     * @param raw    the text read, with surrounding whitespace allowed
     * @param origin the file or command it came from, for the error message
     * @throws MachineIdUnavailableException if the text is not a 128-bit identifier or is all zeros
     */
    static String canonicalize(String raw, String origin) throws MachineIdUnavailableException {
        String text = raw.strip();
        String hex;
        if (HEX_32.matcher(text).matches()) {
            hex = text;
        } else if (GROUPED.matcher(text).matches()) {
            hex = text.replace("-", "");
        } else {
            throw new MachineIdUnavailableException("invalid machine id from " + origin
                    + ": expected 32 hexadecimal digits (optionally grouped 8-4-4-4-12), found " + describe(text));
        }

        if (hex.chars().allMatch(c -> c == '0')) {
            throw new MachineIdUnavailableException("invalid machine id from " + origin
                    + ": it is all zeros, which is the null identifier and not unique to this machine");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static String describe(String text) {
        if (text.isEmpty()) {
            return "nothing (empty or only whitespace)";
        }
        if (text.equals("uninitialized")) {
            return "'uninitialized', which means the system has not completed its first boot";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hexDigit = Character.digit(c, 16) >= 0 && c < 0x80;
            if (!hexDigit && c != '-') {
                return text.length() + " characters with "
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + " at position " + (i + 1)
                        + ", which is not a hexadecimal digit";
            }
        }
        return text.length() + " characters of hexadecimal digits and '-' in the wrong length or grouping";
    }
}
