package dev.voicegate.audiohook.protocol;

import java.util.Objects;

/**
 * A server → client message (fact sheet §2.2).
 *
 * @param id         session id
 * @param seq        server sequence number (1, 2, …)
 * @param clientseq  seq of the latest client message processed
 * @param parameters typed parameters; their type names the message type
 */
public record ServerMessage(String id, long seq, long clientseq, ServerParameters parameters) {
    public ServerMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The wire {@code type}. */
    public String type() {
        return parameters.type();
    }
}
