package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.auth.RequestAuthenticator;
import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.audiohook.internal.KeyedRateLimiter;
import dev.voicegate.audiohook.internal.PendingConnections;
import dev.voicegate.audiohook.internal.SessionAdmission;
import dev.voicegate.audiohook.session.AudioHookMetrics;
import dev.voicegate.audiohook.session.ServerSessionFactory;
import io.netty.channel.group.ChannelGroup;
import java.util.function.LongSupplier;

/** What every connection's handlers share. Thread-safe. */
final class ServerContext {

    final AudioHookServerConfig config;
    final ServerSessionFactory sessions;
    final AudioHookMetrics metrics;
    final RequestAuthenticator authenticator;
    final SessionAdmission admission;
    final KeyedRateLimiter rateLimiter;
    /** Upgrade requests per source address, before authentication. */
    final KeyedRateLimiter sourceRateLimiter;
    final PendingConnections pending;
    final ChannelGroup sessionChannels;
    final LongSupplier ticker;
    volatile boolean accepting = true;

    ServerContext(AudioHookServerConfig config, ServerSessionFactory sessions, RequestAuthenticator authenticator,
                  ChannelGroup sessionChannels, LongSupplier ticker) {
        this.config = config;
        this.sessions = sessions;
        this.metrics = sessions.metrics();
        this.authenticator = authenticator;
        this.admission = new SessionAdmission(config.limits().maxSessions());
        this.rateLimiter = new KeyedRateLimiter(config.limits().opensPerSecondPerOrg(),
                config.limits().openBurstPerOrg(), config.limits().maxOrganizations(), ticker);
        var c = config.limits().connections();
        this.sourceRateLimiter = new KeyedRateLimiter(c.upgradesPerSecondPerSource(), c.upgradeBurstPerSource(),
                c.maxTrackedSources(), ticker);
        this.pending = new PendingConnections(c.maxPendingConnectionsPerSource(), c.maxTrackedSources());
        this.sessionChannels = sessionChannels;
        this.ticker = ticker;
    }
}
