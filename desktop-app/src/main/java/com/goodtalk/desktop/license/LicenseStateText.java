package com.goodtalk.desktop.license;

import com.goodtalk.protocol.license.LicenseCertificate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Renders a {@link LicenseState} as lines of text for the command line. */
public final class LicenseStateText {

    private LicenseStateText() {
    }

    /** Returns the state's headline, such as {@code licensed} or {@code clock set back}. */
    public static String headline(LicenseState state) {
        return switch (state.kind()) {
            case LICENSED -> "licensed";
            case REVALIDATION_DUE -> "licensed, re-validation due";
            case OFFLINE_GRACE -> "licensed, offline, grace until " + state.graceEnds().map(Instant::toString)
                    .orElse("unknown");
            case GRACE_EXPIRED -> "not licensed, re-validation overdue";
            case CLOCK_ROLLBACK -> "not licensed, clock set back";
            case INVALID -> "not licensed, check " + state.failedCheck().map(check -> check.name()
                    .toLowerCase(Locale.ROOT)).orElse("unknown") + " failed";
            case NOT_STORED -> "no license stored";
        };
    }

    /** Returns the state, the certificate's fields when there is one, the file and the message, one per line. */
    public static String render(LicenseState state, Path file) {
        StringBuilder text = new StringBuilder();
        line(text, "License", headline(state));
        state.certificate().ifPresent(certificate -> fields(text, certificate));
        state.graceEnds().ifPresent(end -> line(text, "Grace ends", end.toString()));
        line(text, "File", file.toString());
        text.append(state.message()).append('\n');
        return text.toString();
    }

    private static void fields(StringBuilder text, LicenseCertificate certificate) {
        line(text, "Product", certificate.product());
        line(text, "Edition", certificate.edition());
        line(text, "Features", certificate.features().isEmpty() ? "(none)" : String.join(", ",
                certificate.features()));
        line(text, "Key", certificate.keyHint());
        line(text, "Expires", certificate.expiresAt().map(Instant::toString).orElse("never"));
        line(text, "Machine", certificate.machine());
        line(text, "Re-validate by", certificate.revalidateBy().toString());
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format("%-15s %s%n", name + ":", value));
    }
}
