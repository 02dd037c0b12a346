package com.goodtalk.desktop;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts the value of {@code --protocol} with {@link Protocol#fromWord}, so picocli reports a bad one as a usage error. */
final class ProtocolConverter implements ITypeConverter<Protocol> {

    @Override
    public Protocol convert(String value) {
        try {
            return Protocol.fromWord(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
