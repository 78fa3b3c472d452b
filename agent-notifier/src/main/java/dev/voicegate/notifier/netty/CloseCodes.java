package dev.voicegate.notifier.netty;

/** WebSocket close codes the agent notifier uses (4000–4999 are application codes). */
public final class CloseCodes {

    /** The server is shutting down; reconnect (to another instance) with backoff. */
    public static final int GOING_AWAY = 1001;
    /** The client sent binary data; the protocol is JSON text. */
    public static final int UNSUPPORTED_DATA = 1003;
    /**
     * The client did not keep up (send queue full, or socket not writable past the deadline) and was
     * closed instead of buffering without bound. The app reconnects and gets a fresh snapshot.
     */
    public static final int SLOW_CLIENT = 4008;
    /**
     * The token the socket signed in with has expired: the app must sign in again (a new token)
     * instead of reconnecting with the old one, which the upgrade would refuse with 401.
     */
    public static final int TOKEN_EXPIRED = 4001;
    /** The client sent nothing (not even the app's ping) within {@code clientIdleTimeout}. */
    public static final int IDLE = 4009;

    private CloseCodes() {
    }
}
