package io.basis.ingest.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** Periodic or idle-triggered ping message; see {@link Heartbeat#every} and {@link Heartbeat#whenIdle}. */
record PingHeartbeat(Duration interval, String message, Predicate<String> isPong, boolean onlyWhenIdle)
        implements Heartbeat {

    PingHeartbeat {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(isPong, "isPong");
        if (interval == null || !interval.isPositive()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
    }

    /** A quarter of the interval, so a ping goes out at most a quarter interval late. */
    @Override
    public Duration checkEvery() {
        return interval.dividedBy(4);
    }

    @Override
    public String due(Duration sinceInbound, Duration sincePing) {
        boolean pingOld = sincePing.compareTo(interval) >= 0;
        boolean quiet = !onlyWhenIdle || sinceInbound.compareTo(interval) >= 0;
        return pingOld && quiet ? message : null;
    }

    @Override
    public boolean consumes(String frame) {
        return isPong.test(frame);
    }
}
