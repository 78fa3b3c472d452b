package dev.voicegate.core.config;

import java.time.Duration;

/**
 * {@code cluster:} — several gateways serving one organisation (README "Running several instances",
 * docs/architecture.md "Several instances"). Off by default: one instance needs nothing but Java.
 * On, the instances coordinate through the PostgreSQL database of {@code biometrics.store: postgres}
 * (LISTEN/NOTIFY and a session advisory lock): one instance holds the Genesys notification lease and
 * shares the conversation events, agent-app state is mirrored to every instance, and commands reach
 * the instance that holds the call.
 *
 * @param enabled        whether this instance joins a cluster
 * @param instanceId     this instance's name in logs and metrics (1-64 characters A-Z a-z 0-9 . _ -);
 *                       empty = host name + a random suffix
 * @param heartbeat      how often an instance announces itself (and the lease holder its health)
 * @param peerTimeout    an instance not heard for this long is gone: its calls are "lost" for their agents
 *                       and, if it held the lease, the events count as unhealthy until another takes it
 * @param commandTimeout how long an agent command waits for the instance that holds the call
 */
public record ClusterSection(Boolean enabled, String instanceId, Duration heartbeat, Duration peerTimeout,
                             Duration commandTimeout) {
    public ClusterSection {
        enabled = enabled != null && enabled;
        instanceId = instanceId == null ? "" : instanceId.strip();
        if (!instanceId.isEmpty() && !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ConfigException.invalid("cluster.instanceId", instanceId, "1-64 characters A-Z a-z 0-9 . _ -, or empty for the host name");
        }
        heartbeat = Checks.positive("cluster.heartbeat", heartbeat, Duration.ofSeconds(1));
        peerTimeout = Checks.positive("cluster.peerTimeout", peerTimeout, Duration.ofSeconds(5));
        if (peerTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw ConfigException.invalid("cluster.peerTimeout", Durations.format(peerTimeout),
                    ">= 2 × cluster.heartbeat (" + Durations.format(heartbeat) + "), or a live instance would be declared gone");
        }
        commandTimeout = Checks.positive("cluster.commandTimeout", commandTimeout, Duration.ofSeconds(5));
    }

    /** The default: off. */
    public static ClusterSection off() {
        return new ClusterSection(null, null, null, null, null);
    }
}
