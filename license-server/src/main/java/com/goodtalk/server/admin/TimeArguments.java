package com.goodtalk.server.admin;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the time arguments of the admin commands. Every time is read in UTC. */
final class TimeArguments {

    private static final Pattern DAYS = Pattern.compile("([0-9]{1,6})d");

    /** The longest {@code --expires-in}: 100 years, far beyond any license term. */
    static final int MAX_DAYS = 36_500;

    private TimeArguments() {
    }

    /**
     * Reads an expiry: an ISO date means the end of that day (23:59:59.999 UTC), so a license
     * that expires on 2027-12-31 works all of that day; an instant is taken as it is.
     */
    static final class EndOfDay implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, true);
        }
    }

    /** Reads a start time: an ISO date means the start of that day (00:00 UTC); an instant is taken as it is. */
    static final class StartOfDay implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, false);
        }
    }

    /** Reads a number of days such as {@code 365d}. */
    static final class Days implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher matcher = DAYS.matcher(value.strip());
            int days = matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
            if (days < 1 || days > MAX_DAYS) {
                throw new TypeConversionException("'" + value + "' is not a number of days from 1d to " + MAX_DAYS
                        + "d. Use a form such as 365d.");
            }
            return Duration.ofDays(days);
        }
    }

    private static Instant parse(String value, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return endOfDay
                        ? date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                        : date.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date or time. Use an ISO date such as"
                    + " 2027-12-31 (" + (endOfDay ? "the end of that day" : "the start of that day") + ", UTC) or a"
                    + " time with its offset such as 2027-12-31T12:00:00Z.");
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + value + "' is out of range: " + e.getMessage() + ".");
        }
    }
}
