package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.TokenValidator;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.engine.CommandDispatcher;
import dev.voicegate.notifier.engine.NotifierMetrics;
import dev.voicegate.notifier.engine.SubscriptionHub;
import dev.voicegate.notifier.protocol.WireCodec;
import io.netty.channel.group.ChannelGroup;

/**
 * Everything the per-channel handlers share (all thread-safe), built once by the server.
 *
 * @param config     listen address and limits
 * @param validator  token validation SPI
 * @param hub        bindings and client routing
 * @param dispatcher command handling
 * @param codec      JSON codec
 * @param metrics    meters
 * @param assets     the agent app's files
 * @param sockets    open agent WebSocket channels (closed with 1001 on shutdown)
 * @param clock      wall clock that token expiries are measured against
 */
record ServerContext(NotifierConfig config, TokenValidator validator, SubscriptionHub hub,
                     CommandDispatcher dispatcher, WireCodec codec, NotifierMetrics metrics,
                     StaticAssets assets, ChannelGroup sockets, java.time.Clock clock) {
}
