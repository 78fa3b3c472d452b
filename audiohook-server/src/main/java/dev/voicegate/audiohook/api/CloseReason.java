package dev.voicegate.audiohook.api;

/**
 * Why a session ended, as reported once to {@link AudioHookListener#onClose}.
 *
 * @param kind   the kind of ending
 * @param detail a human-readable detail (never contains personal data); may be empty
 */
public record CloseReason(Kind kind, String detail) {

    /** The kinds of session ending. */
    public enum Kind {
        /** The client sent {@code close{reason:end}} and we answered {@code closed}. */
        CLIENT_END,
        /** The client sent {@code close} with reason {@code error}, {@code disconnect} or {@code reconnect}. */
        CLIENT_CLOSE,
        /** We disconnected the session ({@code disconnect} sent), and it then ended. */
        SERVER_DISCONNECT,
        /** A protocol violation by the client ended the session. */
        PROTOCOL_ERROR,
        /** The socket closed without a close transaction. */
        CONNECTION_LOST,
        /** No ping or audio arrived within the idle timeout. */
        IDLE_TIMEOUT,
        /** The server shut down. */
        SHUTDOWN
    }

    public CloseReason {
        java.util.Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
