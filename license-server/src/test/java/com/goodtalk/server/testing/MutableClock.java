package com.goodtalk.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that does not move until a test advances it, so expiry times, last-seen times and
 * rate-limit refills are exact. Tests that share one with a server move both at once.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** Creates a clock that reads {@code start} until it is advanced. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock by {@code duration}; a negative one sets it back. */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is fixed to UTC; tests read instants only.");
    }
}
