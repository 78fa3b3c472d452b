package dev.voicegate.audiohook.protocol;

import dev.voicegate.audiohook.api.DisconnectReason;

/**
 * A client broke the AudioHook protocol. Knows its wire outcome: {@code disconnect{reason, info}}.
 * The message is the {@code info} text (it never contains personal data).
 */
public class ProtocolViolationException extends RuntimeException {

    private final DisconnectReason reason;

    public ProtocolViolationException(String info) {
        this(DisconnectReason.ERROR, info);
    }

    public ProtocolViolationException(DisconnectReason reason, String info) {
        super(info);
        this.reason = reason;
    }

    /** The disconnect reason to send. */
    public DisconnectReason reason() {
        return reason;
    }

    /** The {@code disconnect.info} text. */
    public String info() {
        return getMessage();
    }
}
