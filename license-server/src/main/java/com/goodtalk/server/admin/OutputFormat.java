package com.goodtalk.server.admin;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The output format of the commands that list or show records. */
enum OutputFormat {
    /** Aligned columns for people. */
    TABLE,
    /** A JSON array for scripts. */
    JSON;

    /** Reads {@code table} or {@code json}, in any case. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : values()) {
                if (format.name().equalsIgnoreCase(value.strip())) {
                    return format;
                }
            }
            throw new TypeConversionException("'" + value + "' is not an output format. Use table or json.");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
