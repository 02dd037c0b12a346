package com.goodtalk.server.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved forward by an offset that a test can grow, so a server can pass a
 * license's expiry without waiting while clients that sign with the system clock stay within the
 * allowed skew.
 */
final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    /** Moves this clock further ahead of the system clock. */
    void advance(Duration duration) {
        shift = shift.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ShiftedClock is fixed to UTC");
    }
}
