package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.internal.Scheduler;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A slice of at most {@code topicsPerChannel} topics served by one channel ({@code active}), plus
 * its replacement while a rotation is in progress ({@code successor}). Serial executor only.
 */
final class Shard {
    final int index;
    final Set<String> topics = new LinkedHashSet<>();
    ChannelSession active;
    ChannelSession successor;
    int failures;
    boolean removed;
    Scheduler.Cancellable rotationTimer;
    Scheduler.Cancellable retryTimer;

    Shard(int index) {
        this.index = index;
    }

    boolean rotating() {
        return successor != null;
    }
}
