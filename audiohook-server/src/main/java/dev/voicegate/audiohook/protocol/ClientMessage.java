package dev.voicegate.audiohook.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * A client → server message (fact sheet §2.2): envelope plus typed parameters. Version is always "2".
 *
 * @param id         session id
 * @param seq        client sequence number (1, 2, …)
 * @param serverseq  last server seq the client processed
 * @param position   client stream position
 * @param parameters the typed parameters; their type names the message type
 */
public record ClientMessage(String id, long seq, long serverseq, Duration position, ClientParameters parameters) {
    public ClientMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The wire {@code type}. */
    public String type() {
        return parameters.type();
    }
}
