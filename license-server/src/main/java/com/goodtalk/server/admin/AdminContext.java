package com.goodtalk.server.admin;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The outside world of an admin command: the output streams, the process environment (for
 * passwords and peppers, which never come from arguments) and the clock.
 */
record AdminContext(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {

    AdminContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
    }
}
