package dev.voicegate.biometrics.store.internal;

import java.time.Instant;

/** Instants as epoch nanoseconds (INTEGER columns), exact round trip between 1677 and 2262. */
public final class Times {

    private Times() {
    }

    public static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
