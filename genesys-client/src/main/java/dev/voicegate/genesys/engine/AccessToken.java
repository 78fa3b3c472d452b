package dev.voicegate.genesys.engine;

/**
 * An OAuth access token with its lifetime on the monotonic ticker. {@link #toString()} hides the value.
 *
 * @param value          the bearer token
 * @param obtainedNanos  ticker time when it was received
 * @param lifetimeNanos  {@code expires_in} in nanoseconds
 * @param generation     1 for the first token, +1 per fetch
 */
public record AccessToken(String value, long obtainedNanos, long lifetimeNanos, long generation) {

    public long expiresAtNanos() {
        return obtainedNanos + lifetimeNanos;
    }

    /** Ticker time after which it should be replaced. */
    public long refreshAtNanos(double fraction) {
        return obtainedNanos + (long) (lifetimeNanos * fraction);
    }

    @Override
    public String toString() {
        return "AccessToken[generation=" + generation + ", lifetime=" + lifetimeNanos / 1_000_000_000L + "s]";
    }
}
