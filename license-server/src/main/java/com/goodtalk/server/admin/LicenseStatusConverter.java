package com.goodtalk.server.admin;

import com.goodtalk.server.store.LicenseStatus;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a license status such as {@code active}, in any case. */
final class LicenseStatusConverter implements ITypeConverter<LicenseStatus> {

    @Override
    public LicenseStatus convert(String value) {
        try {
            return LicenseStatus.fromCode(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a license status. Use active, suspended or"
                    + " revoked; for expired licenses use --expiring-before.");
        }
    }
}
