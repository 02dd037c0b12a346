package com.goodtalk.desktop;

import com.goodtalk.desktop.tamper.Attack;
import com.goodtalk.desktop.tamper.TamperDemo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The tamper demonstration's command-line options, shared by the window and the subcommands as
 * a picocli mixin. An option given before the subcommand applies when the subcommand does not
 * repeat it.
 */
final class TamperOptions {

    @Option(names = "--tamper", paramLabel = "ATTACK", converter = AttackConverter.class,
            completionCandidates = AttackCandidates.class,
            description = "Demonstration only: send the exchange through a built-in tampering proxy on 127.0.0.1"
                    + " that applies ATTACK, one of ${COMPLETION-CANDIDATES}, and report which check catches it."
                    + " Without a subcommand it turns the window's tamper demonstration on.")
    private Attack attack;

    @Option(names = "--tamper-delay", paramLabel = "DURATION", converter = DelayConverter.class,
            description = "How long --tamper delay-request delays the request, in seconds (30s, or 30) or minutes"
                    + " (6m); set it above the server's allowed clock skew (default: 305s, the default skew of"
                    + " 300 s plus 5 s).")
    private Duration delay;

    private TamperOptions outer;

    /** Makes each option that is not given here fall back to the one in {@code outer}, the main command's. */
    TamperOptions fallBackTo(TamperOptions outer) {
        this.outer = outer;
        return this;
    }

    /** Returns the attack given with {@code --tamper}, if one was. */
    Optional<Attack> attack() {
        if (attack != null || outer == null) {
            return Optional.ofNullable(attack);
        }
        return outer.attack();
    }

    /** Returns the delay given with {@code --tamper-delay}, or {@link TamperDemo#DEFAULT_DELAY}. */
    Duration delay() {
        if (delay != null) {
            return delay;
        }
        return outer == null ? TamperDemo.DEFAULT_DELAY : outer.delay();
    }

    /** Returns the demonstration that {@code --tamper} requests, if it is given. */
    Optional<TamperDemo> demo() {
        return attack().map(chosen -> new TamperDemo(chosen, delay()));
    }

    /** Converts {@code --tamper} with {@link Attack#fromWord}, so that a bad value lists the valid ones. */
    static final class AttackConverter implements ITypeConverter<Attack> {
        @Override
        public Attack convert(String value) {
            try {
                return Attack.fromWord(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The values of {@code --tamper}, for the help text and shell completion. */
    static final class AttackCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Attack.values()).map(Attack::word).iterator();
        }
    }

    /** Converts {@code --tamper-delay}: whole seconds, with or without {@code s}, or whole minutes with {@code m}. */
    static final class DelayConverter implements ITypeConverter<Duration> {

        private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new TypeConversionException("\"" + value + "\" is not a duration. Give whole seconds such as"
                        + " 8s or 305s, or whole minutes such as 6m.");
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration delay = "m".equals(matcher.group(2)) ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            if (delay.isZero()) {
                throw new TypeConversionException("The delay must be positive, got \"" + value + "\". Give a delay"
                        + " longer than the server's allowed clock skew, such as 305s.");
            }
            return delay;
        }
    }
}
