package io.sladesk.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand: time passes only when a test says so. */
public final class MutableClock extends Clock {
    /**
     * Where test clocks start: a fixed Wednesday (02:00 UTC, 10:00 in Taipei), so business-day
     * arithmetic gives the same answers whatever day the suite runs on.
     */
    public static final Instant START = Instant.parse("2026-03-04T02:00:00Z");

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
