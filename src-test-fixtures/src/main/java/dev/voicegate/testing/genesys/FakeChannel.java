package dev.voicegate.testing.genesys;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One notification channel of the fake: its topics, expiry, the token that created it and the one
 * WebSocket connected to it (a second connection replaces the first, as in Genesys).
 * Guarded by the owning {@link FakeChannels} lock, except {@code connection} which is volatile.
 */
final class FakeChannel {
    final String id;
    final String connectUri;
    final String token;
    final Instant expires;
    final Set<String> topics = new LinkedHashSet<>();
    volatile io.netty.channel.Channel connection;
    boolean dead;

    FakeChannel(String id, String connectUri, String token, Instant expires) {
        this.id = id;
        this.connectUri = connectUri;
        this.token = token;
        this.expires = expires;
    }
}
