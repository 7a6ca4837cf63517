package com.scheduledscaler.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The daemon's clock in every {@code @QuarkusTest}: starts at the real time, tests set it. */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private volatile Instant now = Instant.now();
    private volatile long runningSince; // System.nanoTime() when the clock started to run; 0 when stopped

    /** Stops the clock at {@code instant}. */
    public void set(Instant instant) {
        runningSince = 0;
        now = instant;
    }

    public void set(String instant) {
        set(Instant.parse(instant));
    }

    public void advance(Duration duration) {
        set(instant().plus(duration));
    }

    /** Lets the clock run at real speed from {@code instant}, for tests of the real timer. */
    public void runFrom(Instant instant) {
        now = instant;
        runningSince = System.nanoTime();
    }

    @Override
    public Instant instant() {
        long since = runningSince;
        return since == 0 ? now : now.plusNanos(System.nanoTime() - since);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the daemon works in UTC");
    }
}
